package io.ecomanalytics.analytics.model;

import java.util.Locale;

/**
 * How RFM scores frequency. {@link #QUINTILES}: like R and M, the quintile of the rank (pandas {@code qcut} of
 * {@code rank(method="first")}), so equal order counts are split by customer key when they straddle a cut - on a store where
 * most customers bought once, ties then decide most F scores. {@link #THRESHOLDS}: fixed order counts
 * ({@code analytics.rfm.frequency-thresholds}, the fewest orders for F = 2, 3, 4 and 5), so equal counts score alike.
 */
public enum FrequencyScoring {
    QUINTILES, THRESHOLDS;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
