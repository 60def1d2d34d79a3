package io.ecomanalytics.analytics.model;

import java.math.BigDecimal;

/**
 * Sales totals of one period. Costs are known per order or not at all (Olist has none): {@code cost}, {@code grossProfit} and
 * {@code margin} cover only the orders with a known cost and are null when no order has one; {@code knownCostShare} says how
 * much of the revenue they cover.
 */
public record FinancialMetrics(BigDecimal revenue, BigDecimal cost, BigDecimal grossProfit, BigDecimal margin,
        BigDecimal revenueWithKnownCost, BigDecimal knownCostShare, long orders, long items, BigDecimal averageTicket,
        long uniqueCustomers) {

    public static FinancialMetrics of(long orders, long items, BigDecimal revenue, BigDecimal revenueWithKnownCost,
            BigDecimal cost, long uniqueCustomers) {
        BigDecimal profit = cost == null ? null : revenueWithKnownCost.subtract(cost);
        return new FinancialMetrics(revenue, cost, profit, Ratios.ratio(profit, revenueWithKnownCost),
                revenueWithKnownCost, Ratios.ratio(revenueWithKnownCost, revenue), orders, items,
                Ratios.money(revenue, orders), uniqueCustomers);
    }
}
