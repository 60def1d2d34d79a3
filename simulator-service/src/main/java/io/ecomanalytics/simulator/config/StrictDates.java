package io.ecomanalytics.simulator.config;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * A date in a request body as the API documents it, an ISO {@code YYYY-MM-DD} string, and nothing else: Jackson's own reader
 * also takes {@code [2024, 1, 1]}, and {@code []} as no date at all. Anything else is a 400 naming the field; the window is
 * checked after ({@code ApiDates.check}).
 */
public class StrictDates extends StdScalarDeserializer<LocalDate> {

    public StrictDates() {
        super(LocalDate.class);
    }

    @Override
    public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_STRING)) {
            return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
        }
        try {
            return LocalDate.parse(p.getText());
        } catch (DateTimeParseException e) {
            return (LocalDate) ctxt.handleWeirdStringValue(LocalDate.class, p.getText(), "not an ISO date (YYYY-MM-DD)");
        }
    }
}
