package io.ecomanalytics.analytics.service;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * How a product's stage is read from its own monthly sales (a plain product-lifecycle reading; the thresholds are this
 * project's choice, documented here and nowhere else). Months are store-zone calendar months; the last window ends with the
 * month of {@code to}.
 * <ul>
 * <li>{@code introduction}: the first sale ever (up to {@code to}) is in the last {@value #WINDOW_MONTHS} months;</li>
 * <li>otherwise compare the units of the last {@value #WINDOW_MONTHS} months (recent) with the {@value #WINDOW_MONTHS} months
 * before (previous): {@code growth} when recent ≥ previous × {@link #GROWTH_FACTOR} (or previous is 0 and recent is not),
 * {@code decline} when recent ≤ previous × {@link #DECLINE_FACTOR} (or both are 0), else {@code maturity}.</li>
 * </ul>
 */
public final class LifecycleRule {
    public static final int WINDOW_MONTHS = 3;
    /** At least 20% more units than the window before: growing. */
    public static final BigDecimal GROWTH_FACTOR = new BigDecimal("1.2");
    /** At least 20% fewer units than the window before: declining. */
    public static final BigDecimal DECLINE_FACTOR = new BigDecimal("0.8");

    public static final String INTRODUCTION = "introduction";
    public static final String GROWTH = "growth";
    public static final String MATURITY = "maturity";
    public static final String DECLINE = "decline";

    private LifecycleRule() {
    }

    /** First day of the recent window for a range ending on {@code to}. */
    public static LocalDate recentStart(LocalDate to) {
        return to.withDayOfMonth(1).minusMonths(WINDOW_MONTHS - 1L);
    }

    /** First day of the window before the recent one. */
    public static LocalDate previousStart(LocalDate to) {
        return recentStart(to).minusMonths(WINDOW_MONTHS);
    }

    public static String stage(LocalDate firstSaleMonth, long recent, long previous, LocalDate to) {
        if (!firstSaleMonth.isBefore(recentStart(to))) {
            return INTRODUCTION;
        }
        if (previous == 0) {
            return recent > 0 ? GROWTH : DECLINE;
        }
        BigDecimal prev = BigDecimal.valueOf(previous);
        BigDecimal now = BigDecimal.valueOf(recent);
        if (now.compareTo(prev.multiply(GROWTH_FACTOR)) >= 0) {
            return GROWTH;
        }
        if (now.compareTo(prev.multiply(DECLINE_FACTOR)) <= 0) {
            return DECLINE;
        }
        return MATURITY;
    }
}
