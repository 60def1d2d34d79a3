package io.ecomanalytics.metrics.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import io.ecomanalytics.contracts.problem.ApiException;

/** Query and path dates: ISO {@code YYYY-MM-DD}, anything else is a 400 naming the parameter. */
final class DateParams {
    private DateParams() {
    }

    static LocalDate required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(name, "'" + name + "' is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name, "'" + name + "' is not a date (YYYY-MM-DD): " + value);
        }
    }

    static LocalDate orDefault(String value, String name, LocalDate fallback) {
        return value == null ? fallback : required(value, name);
    }
}
