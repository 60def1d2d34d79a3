package io.ecomanalytics.simulator.imports.quality;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** The state of what is loaded now: completeness, distributions, integrity, duplicates, date coverage, incomplete orders. */
public record DataQualityReport(OffsetDateTime generatedAt, Map<String, Long> rows, List<Completeness> completeness,
        List<Distribution> distributions, List<Check> integrity, List<Check> duplicates, Coverage coverage,
        OrdersLacking ordersWithoutItems, OrdersLacking ordersWithoutPayments) {

    /** Share of rows where the column is not null (1 for an empty table: nothing is missing). */
    public record Completeness(String table, String column, long rows, long nonNull, double share) {
    }

    /** Range and quartiles (continuous, {@code percentile_cont}) of a money or quantity column, nulls left out. */
    public record Distribution(String table, String column, long count, BigDecimal min, BigDecimal max, Double mean,
            Double p25, Double p50, Double p75) {
    }

    /** A named check and how many rows break it (0 is clean). */
    public record Check(String name, String description, long count) {
    }

    /** The order dates in the store's zone: first, last, and orders per month. */
    public record Coverage(OffsetDateTime firstOrderAt, OffsetDateTime lastOrderAt, int monthsWithOrders,
            List<String> monthsWithoutOrders, Map<String, Long> ordersPerMonth) {
    }

    /** Orders missing a part: how many, by status, and their external ids (the first {@code listed} of them). */
    public record OrdersLacking(long count, Map<String, Long> byStatus, List<String> externalIds) {
    }
}
