package io.ecomanalytics.analytics.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Best-selling products by quantity, revenue or gross profit. Profit is null for a product with any unknown item cost. */
public record TopProducts(LocalDate from, LocalDate to, String by, List<Product> products) {

    @Schema(name = "TopProduct")
    public record Product(long productId, String externalId, String name, String category, long quantity,
            BigDecimal revenue, BigDecimal profit, long orders) {
    }
}
