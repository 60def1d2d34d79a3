package io.ecomanalytics.analytics.forecast;

import java.util.Random;

/** Weekly revenue series with a trend, a yearly wave, a yearly spike and seeded noise. */
final class SyntheticSeries {
    private SyntheticSeries() {
    }

    /**
     * {@code years} × 52 weeks: 1000 + 5t + 200 sin(2πt/52) + noise (sd 20), tripled in week {@code spikeWeek} of each year.
     */
    static double[] withYearlySpike(int years, int spikeWeek) {
        Random random = new Random(7);
        double[] y = new double[years * 52];
        for (int t = 0; t < y.length; t++) {
            y[t] = 1000 + 5 * t + 200 * Math.sin(2 * Math.PI * t / 52) + 20 * random.nextGaussian();
            if (t % 52 == spikeWeek) {
                y[t] *= 3;
            }
        }
        return y;
    }
}
