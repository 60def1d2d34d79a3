package io.ecomanalytics.analytics.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Each product's lifecycle stage read from its own weekly sales (see {@code LifecycleFit}), the count per stage, and — where
 * products carry a stage of their own (simulated data) — how often the two agree.
 */
public record ProductLifecycle(LocalDate from, LocalDate to, Map<String, Long> stages, Agreement agreement,
        List<Product> products) {

    /** Products with a recorded stage, how many of those match the derived one, and the rate (null when none). */
    public record Agreement(long compared, long agreed, BigDecimal rate) {
    }

    /**
     * First and last sale day; units in the range, in the last window and in the window before it, and the store's units in
     * those two windows (the product's share is what is compared).
     */
    @Schema(name = "LifecycleProduct")
    public record Product(long productId, String externalId, String name, LocalDate firstSaleDay, LocalDate lastSaleDay,
            long quantity, long recentQuantity, long previousQuantity, long storeRecentQuantity,
            long storePreviousQuantity, String stage, String recordedStage) {
    }
}
