package io.ecomanalytics.simulator.imports;

import java.util.Set;

/** The order statuses schema {@code commerce} accepts: the check constraint of {@code orders.status} in V1. */
public final class OrderStatuses {
    public static final Set<String> ALL = Set.of("created", "approved", "invoiced", "processing", "shipped",
            "delivered", "canceled", "unavailable");
    public static final String DELIVERED = "delivered";
    public static final String CANCELED = "canceled";

    private OrderStatuses() {
    }
}
