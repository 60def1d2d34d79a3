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
}
