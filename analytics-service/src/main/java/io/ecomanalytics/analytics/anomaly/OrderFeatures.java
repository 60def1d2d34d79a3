package io.ecomanalytics.analytics.anomaly;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One order as the anomaly models see it. The features, in the order of {@link #NAMES}: revenue; units; largest quantity of one
 * line; largest relative deviation of a line's unit price from its product's median price; the customer's other orders within
 * 24 hours before or after; account age at the order in days; rarity of the order's hour of day in the store's zone and of the
 * customer's state (−ln of their share of the training sample's orders: orders carry no shipping state, so the customer's state
 * stands in); freight's share of what the customer pays.
 */
public record OrderFeatures(long orderId, long customerId, OffsetDateTime orderedAt, boolean simulatedFraud,
        double[] values) {

    public static final List<String> NAMES = List.of("total", "units", "maxQuantity", "priceDeviation", "ordersWithin24h",
            "accountAgeDays", "hourRarity", "stateRarity", "freightShare");
}
