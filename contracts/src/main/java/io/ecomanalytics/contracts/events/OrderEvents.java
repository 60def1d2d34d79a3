package io.ecomanalytics.contracts.events;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The wire form of {@link OrderEvent} on the Redis stream: one entry per order, with the order id in its own field (readable in
 * {@code XRANGE} and in the dead-letter stream) and the event as JSON in {@code payload}.
 */
public final class OrderEvents {
    /** The stream the simulator appends to and metrics-service consumes. */
    public static final String STREAM = "orders:events";
    /** Where a consumer moves an entry it cannot apply, with the reason. */
    public static final String DEAD_LETTER_STREAM = "orders:events:dead";

    public static final String FIELD_VERSION = "v";
    public static final String FIELD_ORDER_ID = "order_id";
    public static final String FIELD_PAYLOAD = "payload";
    public static final String VERSION = "1";

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private OrderEvents() {
    }

    public static Map<String, String> toFields(OrderEvent event) {
        try {
            return Map.of(FIELD_VERSION, VERSION, FIELD_ORDER_ID, Long.toString(event.orderId()), FIELD_PAYLOAD,
                    JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise order event " + event.orderId(), e);
        }
    }

    /**
     * Reads an entry back.
     *
     * @throws IllegalArgumentException
     *             naming what is wrong when the entry is not a valid order event
     */
    public static OrderEvent fromFields(Map<String, String> fields) {
        if (!VERSION.equals(fields.get(FIELD_VERSION))) {
            throw new IllegalArgumentException("unsupported event version: " + fields.get(FIELD_VERSION));
        }
        String payload = fields.get(FIELD_PAYLOAD);
        if (payload == null) {
            throw new IllegalArgumentException("missing field '" + FIELD_PAYLOAD + "'");
        }
        OrderEvent event;
        try {
            event = read(payload);
        } catch (IOException | DateTimeException e) {
            throw new IllegalArgumentException("payload is not a valid order event: " + e.getMessage());
        }
        if (event.orderedAt() == null || event.revenue() == null || event.items() == null) {
            throw new IllegalArgumentException("payload lacks orderedAt, revenue or items");
        }
        return event;
    }

    /**
     * Reads the payload with Jackson's streaming parser, field by field into the record. Databinding the record took about half
     * of the metrics consumer's CPU (profiled in bench/metrics.sh: buffering of creator properties, deserialiser lookups); this
     * reads the same JSON — unknown fields, wrong types and malformed text are refused as databinding refused them.
     */
    private static OrderEvent read(String payload) throws IOException {
        try (JsonParser parser = JSON.getFactory().createParser(payload)) {
            expect(parser, parser.nextToken(), JsonToken.START_OBJECT, "the event");
            long orderId = 0;
            long customerId = 0;
            Instant orderedAt = null;
            String status = null;
            String state = null;
            String region = null;
            BigDecimal revenue = null;
            List<OrderEvent.Item> items = null;
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "orderId" -> orderId = whole(parser, value, name);
                    case "customerId" -> customerId = whole(parser, value, name);
                    case "orderedAt" -> orderedAt = value == JsonToken.VALUE_NULL ? null : instant(parser, value);
                    case "status" -> status = text(parser, value, name);
                    case "state" -> state = text(parser, value, name);
                    case "region" -> region = text(parser, value, name);
                    case "revenue" -> revenue = decimal(parser, value, name);
                    case "items" -> items = value == JsonToken.VALUE_NULL ? null : items(parser, value);
                    default -> throw new JsonParseException(parser, "unknown field '" + name + "'");
                }
            }
            expect(parser, parser.nextToken(), null, "the end of the payload");
            return new OrderEvent(orderId, customerId, orderedAt, status, state, region, revenue, items);
        }
    }

    private static List<OrderEvent.Item> items(JsonParser parser, JsonToken value) throws IOException {
        expect(parser, value, JsonToken.START_ARRAY, "items");
        List<OrderEvent.Item> items = new ArrayList<>(4);
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            expect(parser, token, JsonToken.START_OBJECT, "an item");
            long productId = 0;
            int quantity = 0;
            BigDecimal unitPrice = null;
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                JsonToken field = parser.nextToken();
                switch (name) {
                    case "productId" -> productId = whole(parser, field, name);
                    case "quantity" -> quantity = Math.toIntExact(whole(parser, field, name));
                    case "unitPrice" -> unitPrice = decimal(parser, field, name);
                    default -> throw new JsonParseException(parser, "unknown item field '" + name + "'");
                }
            }
            items.add(new OrderEvent.Item(productId, quantity, unitPrice));
        }
        return items;
    }

    private static long whole(JsonParser parser, JsonToken value, String name) throws IOException {
        expect(parser, value, JsonToken.VALUE_NUMBER_INT, name);
        return parser.getLongValue();
    }

    private static String text(JsonParser parser, JsonToken value, String name) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser, value, JsonToken.VALUE_STRING, name);
        return parser.getText();
    }

    private static BigDecimal decimal(JsonParser parser, JsonToken value, String name) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new JsonParseException(parser, "'" + name + "' must be a number");
        }
        return parser.getDecimalValue();
    }

    private static Instant instant(JsonParser parser, JsonToken value) throws IOException {
        expect(parser, value, JsonToken.VALUE_STRING, "orderedAt");
        Instant fast = UtcInstants.parse(parser.getText());
        return fast != null ? fast : Instant.parse(parser.getText());
    }

    private static void expect(JsonParser parser, JsonToken actual, JsonToken expected, String what) throws IOException {
        if (actual != expected) {
            throw new JsonParseException(parser, what + ": expected " + (expected == null ? "nothing more" : expected)
                    + ", found " + actual);
        }
    }
}
