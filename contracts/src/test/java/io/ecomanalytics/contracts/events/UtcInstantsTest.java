package io.ecomanalytics.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UtcInstantsTest {
    @Test
    void readsEveryWrittenInstantAsTheJdkDoes() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            // 1900..2200, whole seconds or any nanosecond: Instant.toString writes 0, 3, 6 or 9 fraction digits
            Instant instant = Instant.ofEpochSecond(random.nextLong(-2_208_988_800L, 7_258_118_400L),
                    random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
            assertThat(UtcInstants.parse(instant.toString())).isEqualTo(instant);
        }
        assertThat(UtcInstants.parse("2026-04-01T15:00:00.5Z")).isEqualTo(Instant.parse("2026-04-01T15:00:00.5Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-04-01T15:00:00+03:00", "2026-02-30T15:00:00Z", "2026-04-01T24:00:00Z",
            "2016-12-31T23:59:60Z", "2026-04-01T15:00:00.Z", "2026-04-01T15:00:00.1234567890Z", "2026-04-01 15:00:00Z",
            "+12026-04-01T15:00:00Z", "2026-4-01T15:00:00Z", "2026-04-01T15:00:0xZ", "", "2026-04-01"})
    void leavesEveryOtherShapeToTheJdk(String text) {
        assertThat(UtcInstants.parse(text)).isNull();
    }

    @Test
    void theJdkStillReadsAndRefusesTheOtherShapes() {
        String event = "{\"orderId\":1,\"customerId\":2,\"orderedAt\":\"%s\",\"status\":\"delivered\",\"revenue\":1.00,"
                + "\"items\":[]}";
        assertThat(OrderEvents.fromFields(Map.of("v", "1", "payload",
                event.formatted("2026-04-01T18:00:00+03:00"))).orderedAt()).isEqualTo(Instant.parse("2026-04-01T15:00:00Z"));
        assertThatThrownBy(() -> OrderEvents.fromFields(Map.of("v", "1",
                "payload", event.formatted("2026-02-30T15:00:00Z")))).isInstanceOf(IllegalArgumentException.class);
    }
}
