package io.ecomanalytics.analytics.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Totals per calendar bucket (every bucket of the range, empty ones included) with growth against the bucket before. */
public record FinancialTimeseries(LocalDate from, LocalDate to, Granularity granularity, List<Point> points) {

    /** One bucket, named by its first day in the store zone. */
    public record Point(LocalDate period, FinancialMetrics metrics, BigDecimal revenueGrowth) {
    }
}
