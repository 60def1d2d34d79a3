package io.ecomanalytics.contracts.events;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
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
    /** Bound to the type once: a consumer reads every event with it. */
    private static final ObjectReader READER = JSON.readerFor(OrderEvent.class);

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
            event = READER.readValue(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload is not a valid order event: " + e.getOriginalMessage());
        }
        if (event.orderedAt() == null || event.revenue() == null || event.items() == null) {
            throw new IllegalArgumentException("payload lacks orderedAt, revenue or items");
        }
        return event;
    }
}
