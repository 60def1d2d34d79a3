package io.ecomanalytics.analytics.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

class FeatureEncoderTest {
    private static final OffsetDateTime AT = OffsetDateTime.parse("2024-03-01T12:00:00Z");

    /** Only the fields under test vary; units 1, every other number 0. */
    private static AnomalyRepository.OrderRow row(long id, double total, double within24h, int hour, String state) {
        return new AnomalyRepository.OrderRow(id, id, AT, false, total, 1, 0, 0, within24h, 0, hour, state, 0);
    }

    // totals e^0 - 1, e^1 - 1, e^2 - 1 enter as log(1 + total) = 0, 1, 2: mean 1, sd sqrt(2/3) = 0.8164966
    private final List<AnomalyRepository.OrderRow> sample = List.of(row(1, 0, 0, 9, "SP"), row(2, Math.E - 1, 0, 9, "SP"),
            row(3, Math.exp(2) - 1, 3, 0, "AC"));
    private final FeatureEncoder encoder = new FeatureEncoder(sample);

    @Test
    void hourAndStateBecomeTheirSmoothedRarityInTheSample() {
        // hours: -ln((count + 1) / (3 + 24)); states: -ln((count + 1) / (3 + 27))
        assertThat(encoder.features(sample.get(0)).values()[6]).isCloseTo(Math.log(9), within(1e-12));
        assertThat(encoder.features(sample.get(2)).values()[6]).isCloseTo(Math.log(13.5), within(1e-12));
        assertThat(encoder.features(row(4, 0, 0, 5, "SP")).values()[6]).isCloseTo(Math.log(27), within(1e-12));
        assertThat(encoder.features(sample.get(0)).values()[7]).isCloseTo(Math.log(10), within(1e-12));
        assertThat(encoder.features(sample.get(2)).values()[7]).isCloseTo(Math.log(15), within(1e-12));
        assertThat(encoder.features(row(4, 0, 0, 5, "RR")).values()[7]).isCloseTo(Math.log(30), within(1e-12));
    }

    @Test
    void keepsTheValuesAsTheyAreForTheReport() {
        assertThat(encoder.features(sample.get(2)).values()).startsWith(Math.exp(2) - 1, 1, 0, 0, 3);
    }

    @Test
    void standardisesMoneyOnALogScaleAndCountsAsTheyAre() {
        double[] z = encoder.z(encoder.features(sample.get(2)).values());

        // log(1 + total) = 2: (2 - 1) / 0.8164966 = 1.2247449
        assertThat(z[0]).isCloseTo(Math.sqrt(1.5), within(1e-12));
        // orders within 24 h 0, 0, 3: mean 1, sd sqrt((1 + 1 + 4) / 3) = sqrt(2), z = 2 / sqrt(2)
        assertThat(z[4]).isCloseTo(Math.sqrt(2), within(1e-12));
        // units are 1 everywhere: deviation 1, z 0
        assertThat(z[1]).isZero();
        assertThat(encoder.z(encoder.features(sample.get(1)).values())[0]).isCloseTo(0, within(1e-12));
    }
}
