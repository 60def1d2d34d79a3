package io.ecomanalytics.analytics.model;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Totals of the requested period and of two comparison periods: the one just before it (same number of days) and the same dates
 * a year earlier.
 */
public record FinancialSummary(LocalDate from, LocalDate to, FinancialMetrics current, Comparison previousPeriod,
        Comparison samePeriodLastYear) {

    /** A comparison period, its totals and the relative change of the current period against it. */
    public record Comparison(LocalDate from, LocalDate to, FinancialMetrics metrics, BigDecimal revenueGrowth,
            BigDecimal ordersGrowth, BigDecimal grossProfitGrowth, BigDecimal averageTicketGrowth,
            BigDecimal uniqueCustomersGrowth) {

        public static Comparison of(LocalDate from, LocalDate to, FinancialMetrics current, FinancialMetrics then) {
            return new Comparison(from, to, then, Ratios.growth(current.revenue(), then.revenue()),
                    Ratios.growth(BigDecimal.valueOf(current.orders()), BigDecimal.valueOf(then.orders())),
                    Ratios.growth(current.grossProfit(), then.grossProfit()),
                    Ratios.growth(current.averageTicket(), then.averageTicket()),
                    Ratios.growth(BigDecimal.valueOf(current.uniqueCustomers()),
                            BigDecimal.valueOf(then.uniqueCustomers())));
        }
    }
}
