package io.ecomanalytics.simulator.imports.orderlines;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ecomanalytics.contracts.problem.ApiException;

/**
 * Which column of an order-lines file holds each field. The defaults are the UCI Online Retail header; a caller maps other
 * files field by field (e.g. {@code {"invoice": "Invoice", "unitPrice": "Price", "customerId": "Customer ID"}} for Online
 * Retail II).
 */
public record OrderLinesMapping(String invoice, String stockCode, String description, String quantity,
        String invoiceDate, String unitPrice, String customerId, String country) {

    public static final OrderLinesMapping UCI = new OrderLinesMapping("InvoiceNo", "StockCode", "Description",
            "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country");

    /** The UCI defaults with some fields mapped to other columns; an unknown field name is a 400. */
    public static OrderLinesMapping withOverrides(Map<String, String> overrides) {
        Map<String, String> fields = new LinkedHashMap<>(UCI.asMap());
        if (overrides != null) {
            overrides.forEach((field, column) -> {
                if (!fields.containsKey(field)) {
                    throw ApiException.badRequest("mapping." + field,
                            "unknown field '" + field + "'; the fields are " + fields.keySet());
                }
                if (column == null || column.isBlank()) {
                    throw ApiException.badRequest("mapping." + field, "the column of '" + field + "' is blank");
                }
                fields.put(field, column.strip());
            });
        }
        return new OrderLinesMapping(fields.get("invoice"), fields.get("stockCode"), fields.get("description"),
                fields.get("quantity"), fields.get("invoiceDate"), fields.get("unitPrice"), fields.get("customerId"),
                fields.get("country"));
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("invoice", invoice);
        m.put("stockCode", stockCode);
        m.put("description", description);
        m.put("quantity", quantity);
        m.put("invoiceDate", invoiceDate);
        m.put("unitPrice", unitPrice);
        m.put("customerId", customerId);
        m.put("country", country);
        return m;
    }

    /** Every mapped column must be in the file's header (description, customer and country may be empty per row). */
    public List<String> columns() {
        return List.copyOf(asMap().values());
    }
}
