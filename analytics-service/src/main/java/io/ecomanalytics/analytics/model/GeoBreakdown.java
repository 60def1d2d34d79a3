package io.ecomanalytics.analytics.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Sales by customer region or state, with each area's share of the revenue and orders in scope. */
public record GeoBreakdown(LocalDate from, LocalDate to, String level, List<Area> areas) {

    /** {@code state} is null in the by-region breakdown. */
    public record Area(String region, String state, BigDecimal revenue, long orders, long customers,
            BigDecimal averageTicket, BigDecimal revenueShare, BigDecimal orderShare) {
    }
}
