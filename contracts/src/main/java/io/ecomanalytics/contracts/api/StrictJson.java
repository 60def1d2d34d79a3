package io.ecomanalytics.contracts.api;

import java.io.IOException;
import java.time.LocalDate;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.ecomanalytics.contracts.problem.ApiException;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * JSON bodies are read as written, never guessed at: a number where text belongs ({@code {"username": 1}}), text where a number
 * or flag belongs, a fraction where a whole number belongs, a key given twice, anything after the document, text holding
 * control characters (NUL), and a date that is not an ISO {@code "YYYY-MM-DD"} string inside the API's date window
 * ({@link ApiDates}: no {@code [2024, 1, 1]}, no {@code []}) are each a 400 naming the field. Unknown fields are refused by
 * {@code quarkus.jackson.fail-on-unknown-properties} in contracts' shared configuration.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
    private final ApiDates dates;

    public StrictJson(ApiDates dates) {
        this.dates = dates;
    }

    /** Last of the customizers: the deserializers registered here must win over the Java time module's. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        for (LogicalType scalar : new LogicalType[]{LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(scalar).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        // (not FAIL_ON_NULL_FOR_PRIMITIVES: it also refuses a record whose optional primitive field is left out)
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.registerModule(new SimpleModule("strict-values").addDeserializer(String.class, new PlainText())
                .addDeserializer(LocalDate.class, new WindowDate(dates)));
    }

    /** A value of the right JSON type that breaks a rule; {@link #detail()} says which, naming the field. */
    public static final class InvalidValue extends InvalidFormatException {
        private final String detail;

        InvalidValue(JsonParser p, String detail, Object value, Class<?> type) {
            super(p, detail, value, type);
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    /** Text without control characters (tab, line feed and carriage return excepted). */
    static final class PlainText extends StdScalarDeserializer<String> {
        PlainText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = StringDeserializer.instance.deserialize(p, ctxt);
            if (text != null && text.chars().anyMatch(PlainText::isControl)) {
                throw new InvalidValue(p, "field '" + p.currentName() + "' must not contain control characters", text,
                        String.class);
            }
            return text;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        private static boolean isControl(int c) {
            return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
        }
    }

    /** A date as the API writes it: an ISO string, inside the window, by the one rule of {@link ApiDates}. */
    static final class WindowDate extends StdScalarDeserializer<LocalDate> {
        private final ApiDates dates;

        WindowDate(ApiDates dates) {
            super(LocalDate.class);
            this.dates = dates;
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String field = p.currentName() == null ? "date" : p.currentName();
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                throw new InvalidValue(p, field + " must be an ISO date (YYYY-MM-DD) written as a string", null,
                        LocalDate.class);
            }
            try {
                return dates.parse(field, p.getText());
            } catch (ApiException e) {
                throw new InvalidValue(p, e.getMessage(), p.getText(), LocalDate.class);
            }
        }
    }
}
