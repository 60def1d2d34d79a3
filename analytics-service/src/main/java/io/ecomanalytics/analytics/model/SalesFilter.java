package io.ecomanalytics.analytics.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import io.ecomanalytics.contracts.geo.BrazilianState;
import io.ecomanalytics.contracts.geo.Region;

/**
 * Which sales an analytic looks at: store-zone dates {@code from}..{@code to} (both inclusive) and optional customer state,
 * customer region and product category. Unset dates mean "from the first / to the last order".
 */
public record SalesFilter(LocalDate from, LocalDate to, BrazilianState state, Region region, String category) {
    /** The query parameters of the filter. */
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String STATE = "state";
    public static final String REGION = "region";
    public static final String CATEGORY = "category";

    public SalesFilter withDates(LocalDate newFrom, LocalDate newTo) {
        return new SalesFilter(newFrom, newTo, state, region, category);
    }

    /** The first instant of {@code from} in the store zone. */
    public Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after {@code to} in the store zone (exclusive upper bound). */
    public Instant end(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
