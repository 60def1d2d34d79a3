package io.ecomanalytics.analytics.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Every segment's size and weight, with the Pareto figure: the revenue share of the top 20% of customers by revenue.
 */
public record RfmSegmentSummary(LocalDate from, LocalDate to, long customers, BigDecimal revenue,
        BigDecimal topCustomersRevenueShare, List<Segment> segments) implements CsvExportable {

    /** Mean recency is in days, mean frequency in orders, mean monetary in currency. */
    public record Segment(String segment, long customers, BigDecimal customerShare, BigDecimal revenue,
            BigDecimal revenueShare, BigDecimal meanRecency, BigDecimal meanFrequency, BigDecimal meanMonetary,
            String action) {
    }

    @Override
    public CsvTable toCsv() {
        return new CsvTable(List.of("segment", "customers", "customerShare", "revenue", "revenueShare", "meanRecency",
                "meanFrequency", "meanMonetary", "action"),
                segments.stream()
                        .map(s -> Arrays.<Object>asList(s.segment(), s.customers(), s.customerShare(), s.revenue(),
                                s.revenueShare(), s.meanRecency(), s.meanFrequency(), s.meanMonetary(), s.action()))
                        .toList());
    }
}
