package io.ecomanalytics.analytics.service;

import java.time.LocalDate;

/**
 * The lifecycle stages' names and the two windows the lifecycle answer reports each product's units in: the last
 * {@value #WINDOW_DAYS} days up to {@code to} and the {@value #WINDOW_DAYS} days before (with the store's units in both, the
 * product's share is what to compare). The stage itself is read by {@link LifecycleFit}.
 */
public final class LifecycleStages {
    public static final int WINDOW_DAYS = 120;

    public static final String INTRODUCTION = "introduction";
    public static final String GROWTH = "growth";
    public static final String MATURITY = "maturity";
    public static final String DECLINE = "decline";
    public static final String DISCONTINUED = "discontinued";

    private LifecycleStages() {
    }

    /** First day of the recent window for a range ending on {@code to}. */
    public static LocalDate recentStart(LocalDate to) {
        return to.minusDays(WINDOW_DAYS - 1L);
    }

    /** First day of the window before the recent one. */
    public static LocalDate previousStart(LocalDate to) {
        return to.minusDays(2L * WINDOW_DAYS - 1);
    }
}
