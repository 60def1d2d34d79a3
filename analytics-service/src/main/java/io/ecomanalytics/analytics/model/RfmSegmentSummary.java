package io.ecomanalytics.analytics.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Every segment's size and weight, with the Pareto figure: the revenue share of the top 20% of customers by revenue; and how
 * much of the F scoring tie-breaking decided.
 */
public record RfmSegmentSummary(LocalDate from, LocalDate to, long customers, BigDecimal revenue,
        BigDecimal topCustomersRevenueShare,
        @Schema(description = "How F was scored: quintiles (of the rank, like R and M) or thresholds (fixed order counts)", enumeration = {
                "quintiles", "thresholds"}) String frequencyScoring,
        @Schema(description = "Share of customers whose F score was decided by tie-breaking: customers of equal frequency"
                + " (e.g. every one-time buyer) that the quintiles split over several F scores, ranked by customer key") BigDecimal frequencyTieShare,
        @Schema(description = "True when tie-breaking decided more than half of the F scores: a low-repeat store, where F"
                + " and the segments built on it say more about customer keys than about behaviour") boolean frequencyTiesDecide,
        List<Segment> segments){

    /** Mean recency is in days, mean frequency in orders, mean monetary in currency. */
    @Schema(name = "RfmSegmentTotals")
    public record Segment(String segment, long customers, BigDecimal customerShare, BigDecimal revenue,
            BigDecimal revenueShare, BigDecimal meanRecency, BigDecimal meanFrequency, BigDecimal meanMonetary,
            String action) {
    }
}
