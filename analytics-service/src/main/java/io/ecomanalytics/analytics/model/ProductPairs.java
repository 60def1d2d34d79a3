package io.ecomanalytics.analytics.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Products bought in the same order. With N orders in scope, n(X) orders containing X: support = n(A∧B)/N, confidence A→B =
 * n(A∧B)/n(A), B→A = n(A∧B)/n(B), lift = n(A∧B)·N/(n(A)·n(B)).
 */
public record ProductPairs(LocalDate from, LocalDate to, long orders, BigDecimal minSupport, long minOrders, String sort,
        List<Pair> pairs) {
    /** Most frequent first. */
    public static final String ORDERS = "orders";
    /** Highest lift first. */
    public static final String LIFT = "lift";

    public record Pair(long productA, String nameA, long productB, String nameB, long orders, long ordersWithA,
            long ordersWithB, BigDecimal support, BigDecimal confidenceAtoB, BigDecimal confidenceBtoA,
            BigDecimal lift) {
    }
}
