package io.ecomanalytics.metrics.model;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The figures of one day.
 *
 * @param averageTicket
 *            revenue / orders rounded half-even to cents; {@code null} on a day without orders
 * @param topProduct
 *            the product sold in the largest quantity that day (on a tie, the greatest id as text); {@code null} on a day
 *            without sales
 */
public record DailyMetrics(LocalDate date, BigDecimal revenue, long orders, long activeCustomers,
        BigDecimal averageTicket, ProductQuantity topProduct) {
}
