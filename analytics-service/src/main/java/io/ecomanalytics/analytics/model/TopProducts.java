package io.ecomanalytics.analytics.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** Best-selling products by quantity, revenue or gross profit. Profit is null for a product with any unknown item cost. */
public record TopProducts(LocalDate from, LocalDate to, String by, List<Product> products) implements CsvExportable {

    public record Product(long productId, String externalId, String name, String category, long quantity,
            BigDecimal revenue, BigDecimal profit, long orders) {
    }

    @Override
    public CsvTable toCsv() {
        return new CsvTable(List.of("productId", "externalId", "name", "category", "quantity", "revenue", "profit",
                "orders"),
                products.stream()
                        .map(p -> Arrays.<Object>asList(p.productId(), p.externalId(), p.name(), p.category(),
                                p.quantity(), p.revenue(), p.profit(), p.orders()))
                        .toList());
    }
}
