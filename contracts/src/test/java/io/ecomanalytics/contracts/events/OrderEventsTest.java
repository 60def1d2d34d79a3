package io.ecomanalytics.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OrderEventsTest {
    private final OrderEvent event = new OrderEvent(42, 7, Instant.parse("2025-11-28T13:05:00Z"), "approved", "SP",
            "SUDESTE", new BigDecimal("129.80"),
            List.of(new OrderEvent.Item(3, 2, new BigDecimal("49.90")), new OrderEvent.Item(5, 1, new BigDecimal("30.00"))));

    @Test
    void roundTripsThroughStreamFields() {
        Map<String, String> fields = OrderEvents.toFields(event);
        assertThat(fields).containsEntry("v", "1").containsEntry("order_id", "42");
        assertThat(OrderEvents.fromFields(fields)).isEqualTo(event);
    }

    @Test
    void keepsMoneyExact() {
        assertThat(OrderEvents.toFields(event).get("payload")).contains("\"revenue\":129.80")
                .contains("\"orderedAt\":\"2025-11-28T13:05:00Z\"");
    }

    @Test
    void namesWhatIsWrongWithAMalformedEntry() {
        assertThatThrownBy(() -> OrderEvents.fromFields(Map.of("v", "2", "payload", "{}")))
                .hasMessageContaining("version");
        assertThatThrownBy(() -> OrderEvents.fromFields(Map.of("v", "1"))).hasMessageContaining("payload");
        assertThatThrownBy(() -> OrderEvents.fromFields(Map.of("v", "1", "payload", "{not json")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrderEvents.fromFields(Map.of("v", "1", "payload", "{\"orderId\":1}")))
                .hasMessageContaining("revenue");
    }

    @Test
    void roundTripsEventsWithAbsentFieldsAndManyItems() {
        OrderEvent bare = new OrderEvent(1, 2, Instant.parse("2024-02-29T23:59:59.123456789Z"), "canceled", null, null,
                new BigDecimal("0"), List.of());
        OrderEvent many = new OrderEvent(Long.MAX_VALUE, 3, Instant.parse("1999-12-31T00:00:00Z"), "delivered", "AM",
                "NORTE", new BigDecimal("12345678.90"), java.util.stream.IntStream.range(0, 40)
                        .mapToObj(i -> new OrderEvent.Item(i, i + 1, new BigDecimal(i + ".05"))).toList());
        assertThat(OrderEvents.fromFields(OrderEvents.toFields(bare))).isEqualTo(bare);
        assertThat(OrderEvents.fromFields(OrderEvents.toFields(many))).isEqualTo(many);
    }

    @Test
    void refusesWhatTheRecordDoesNotHold() {
        String valid = "\"orderId\":1,\"customerId\":2,\"orderedAt\":\"2024-01-01T00:00:00Z\",\"status\":\"delivered\","
                + "\"revenue\":1.00,\"items\":[{\"productId\":3,\"quantity\":1,\"unitPrice\":1.00}]";
        assertThat(OrderEvents.fromFields(Map.of("v", "1", "payload", "{" + valid + "}")).items()).hasSize(1);
        for (String bad : List.of("{" + valid + ",\"coupon\":\"X\"}",
                "{" + valid.replace("\"orderId\":1", "\"orderId\":\"1\"") + "}",
                "{" + valid.replace("\"quantity\":1", "\"quantity\":1,\"gift\":true") + "}",
                "{" + valid.replace("\"revenue\":1.00", "\"revenue\":\"1.00\"") + "}", "{" + valid + "} {}",
                "{" + valid.replace("2024-01-01T00:00:00Z", "yesterday") + "}", "[]")) {
            assertThatThrownBy(() -> OrderEvents.fromFields(Map.of("v", "1", "payload", bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid order event");
        }
    }
}
