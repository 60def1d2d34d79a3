package io.ecomanalytics.metrics.model;

import java.time.LocalDate;

/** What a rebuild wrote: the days it replaced, how many of them had orders, and the orders it counted. */
public record RebuildResult(LocalDate from, LocalDate to, long days, long daysWithOrders, long orders, long tookMillis) {
}
