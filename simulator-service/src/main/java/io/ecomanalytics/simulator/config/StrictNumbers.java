package io.ecomanalytics.simulator.config;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Request bodies keep whole numbers whole: Jackson would cut {@code "years": 2.5} to 2 and start a run nobody asked for; this
 * makes it a 400 naming the field, as any other malformed value.
 */
@Singleton
public class StrictNumbers implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
