package io.ecomanalytics.contracts.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order as it is published on the {@link OrderEvents#STREAM} Redis stream when it is placed. Carries what the real-time
 * metrics need, so a consumer never reads PostgreSQL to apply an event.
 *
 * @param orderId
 *            the order's id in {@code commerce.orders}; the idempotency key of the event
 * @param customerId
 *            the buying customer's id
 * @param orderedAt
 *            when the order was placed
 * @param status
 *            the order status vocabulary of {@code commerce.orders}
 * @param state
 *            the customer's two-letter Brazilian state
 * @param region
 *            the customer's region code ({@link io.ecomanalytics.contracts.geo.Region#name()})
 * @param revenue
 *            the order's revenue: sum of quantity x unit price over its items
 * @param items
 *            the order lines
 */
public record OrderEvent(long orderId, long customerId, Instant orderedAt, String status, String state, String region,
        BigDecimal revenue, List<Item> items) {

    /** One order line. */
    public record Item(long productId, int quantity, BigDecimal unitPrice) {
    }
}
