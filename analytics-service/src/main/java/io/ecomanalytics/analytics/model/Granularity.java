package io.ecomanalytics.analytics.model;

/**
 * A calendar bucket in the store zone. {@link #unit()} is the PostgreSQL {@code date_trunc} field; weeks start on Monday (ISO).
 */
public enum Granularity {
    DAY("day"), WEEK("week"), MONTH("month");

    private final String unit;

    Granularity(String unit) {
        this.unit = unit;
    }

    public String unit() {
        return unit;
    }
}
