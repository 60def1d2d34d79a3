package io.ecomanalytics.metrics.rest;

import java.time.LocalDate;

import io.ecomanalytics.contracts.problem.ApiException;

/**
 * Date parameters a call cannot do without. Their shape and window were checked by contracts' {@code StrictParameters} before
 * the call got here; what is left is that they were given.
 */
final class DateParams {
    private DateParams() {
    }

    static LocalDate required(String name, LocalDate value) {
        if (value == null) {
            throw ApiException.badRequest(name, "'" + name + "' is required (YYYY-MM-DD)");
        }
        return value;
    }
}
