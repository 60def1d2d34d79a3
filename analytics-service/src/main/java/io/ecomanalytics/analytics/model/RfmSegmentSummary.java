package io.ecomanalytics.analytics.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Every segment's size and weight, with the Pareto figure: the revenue share of the top 20% of customers by revenue.
 */
public record RfmSegmentSummary(LocalDate from, LocalDate to, long customers, BigDecimal revenue,
        BigDecimal topCustomersRevenueShare, List<Segment> segments) {

    /** Mean recency is in days, mean frequency in orders, mean monetary in currency. */
    @Schema(name = "RfmSegmentTotals")
    public record Segment(String segment, long customers, BigDecimal customerShare, BigDecimal revenue,
            BigDecimal revenueShare, BigDecimal meanRecency, BigDecimal meanFrequency, BigDecimal meanMonetary,
            String action) {
    }
}
