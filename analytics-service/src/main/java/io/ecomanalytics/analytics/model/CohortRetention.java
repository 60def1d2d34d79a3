package io.ecomanalytics.analytics.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Acquisition cohorts (customers by the bucket of their first sale) and, for every later bucket, how many of them bought again
 * and what they spent: counts and rates against period 0 for customers and for revenue.
 */
public record CohortRetention(LocalDate from, LocalDate to, Granularity granularity, List<Cohort> cohorts) {

    @Schema(name = "RetentionCohort")
    public record Cohort(LocalDate cohort, long size, BigDecimal initialRevenue, List<Cell> periods) {
    }

    /** Period {@code n} after acquisition: customers active in it and their revenue, absolute and as a share of period 0. */
    public record Cell(int period, long customers, BigDecimal customerRetention, BigDecimal revenue,
            BigDecimal revenueRetention) {
    }
}
