package io.ecomanalytics.analytics.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    @Test
    void computesAucAndAveragePrecisionOfASmallRanking() {
        // ranked 0.9+ 0.8- 0.7+ 0.6- 0.5-: positives beat 3 + 2 of the 2 x 3 pairs, AUC = 5/6;
        // precision at the positives is 1/1 and 2/3, AP = (1 + 2/3) / 2 = 5/6
        float[] scores = {0.5f, 0.9f, 0.6f, 0.7f, 0.8f};
        boolean[] positive = {false, true, false, true, false};

        assertThat(RankingMetrics.rocAuc(scores, positive)).isCloseTo(5 / 6.0, within(1e-12));
        assertThat(RankingMetrics.averagePrecision(scores, positive)).isCloseTo(5 / 6.0, within(1e-12));
    }

    @Test
    void countsATieAsHalf() {
        assertThat(RankingMetrics.rocAuc(new float[]{0.5f, 0.5f}, new boolean[]{true, false})).isEqualTo(0.5);
        assertThat(RankingMetrics.rocAuc(new float[]{0.5f}, new boolean[]{true})).isNaN();
    }
}
