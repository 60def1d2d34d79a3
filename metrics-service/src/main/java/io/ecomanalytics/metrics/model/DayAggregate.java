package io.ecomanalytics.metrics.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import io.ecomanalytics.contracts.geo.Region;

/**
 * What the metric keys of one day must hold according to PostgreSQL.
 *
 * @param revenue
 *            revenue of the counted orders, {@code null} when there is none
 * @param orders
 *            number of counted orders
 * @param customers
 *            ids of the customers with a counted order
 * @param orderIds
 *            ids of every order of the day, counted or not (all of them are "applied")
 * @param regionRevenue
 *            revenue of the counted orders per region of the customer
 * @param productQuantities
 *            quantity sold per product id in the counted orders
 */
public record DayAggregate(LocalDate day, BigDecimal revenue, long orders, Set<String> customers, Set<String> orderIds,
        Map<Region, BigDecimal> regionRevenue, Map<String, Long> productQuantities) {
}
