package io.ecomanalytics.analytics.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How every ratio of the API is rounded: fractions (not percent) with four decimals, half up; money with two. */
public final class Ratios {
    public static final int RATIO_SCALE = 4;
    public static final int MONEY_SCALE = 2;

    private Ratios() {
    }

    /** {@code part / whole}, or null when the whole is null or zero. */
    public static BigDecimal ratio(BigDecimal part, BigDecimal whole) {
        if (part == null || whole == null || whole.signum() == 0) {
            return null;
        }
        return part.divide(whole, RATIO_SCALE, RoundingMode.HALF_UP);
    }

    public static BigDecimal ratio(long part, long whole) {
        return ratio(BigDecimal.valueOf(part), BigDecimal.valueOf(whole));
    }

    /** Relative change {@code (current - previous) / previous}, or null without a non-zero previous value. */
    public static BigDecimal growth(BigDecimal current, BigDecimal previous) {
        if (current == null || previous == null || previous.signum() == 0) {
            return null;
        }
        return ratio(current.subtract(previous), previous);
    }

    public static BigDecimal money(BigDecimal amount, long count) {
        if (amount == null || count == 0) {
            return null;
        }
        return amount.divide(BigDecimal.valueOf(count), MONEY_SCALE, RoundingMode.HALF_UP);
    }
}
