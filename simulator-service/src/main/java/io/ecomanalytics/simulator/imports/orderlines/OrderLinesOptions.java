package io.ecomanalytics.simulator.imports.orderlines;

import java.time.format.DateTimeFormatter;

import io.ecomanalytics.contracts.problem.ApiException;

/** How to read an order-lines file: the column mapping, the invoice-date pattern, and whether to replace what is loaded. */
public record OrderLinesOptions(boolean replace, OrderLinesMapping mapping, DateTimeFormatter dateFormat) {
    /** The UCI Online Retail export's pattern; the timestamps carry no zone and are read in the store's zone. */
    public static final String DEFAULT_DATE_FORMAT = "yyyy-MM-dd HH:mm:ss";

    public static DateTimeFormatter dateFormat(String pattern) {
        try {
            return DateTimeFormatter.ofPattern(pattern == null || pattern.isBlank() ? DEFAULT_DATE_FORMAT : pattern);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("dateFormat", "not a date-time pattern: " + pattern + " (" + e.getMessage()
                    + ")");
        }
    }
}
