package io.ecomanalytics.analytics.forecast;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.ecomanalytics.contracts.geo.BrazilianState;
import io.ecomanalytics.contracts.geo.Region;
import io.ecomanalytics.contracts.problem.ApiException;

/**
 * The usual analytics filters, as the models use them: dates are days in the store's zone ({@code to} inclusive), state a
 * two-letter code, region one of {@link Region}, category a product category. Kept minimal on purpose; to be merged with the
 * descriptive analytics' shared filter.
 */
public record SalesFilter(LocalDate from, LocalDate to, String state, Region region, String category) {

    public static SalesFilter parse(String from, String to, String state, String region, String category) {
        LocalDate fromDate = date("from", from);
        LocalDate toDate = date("to", to);
        if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
            throw ApiException.badRequest("to", "to (" + toDate + ") is before from (" + fromDate + ")");
        }
        String uf = blank(state)
                ? null
                : BrazilianState.fromUf(state).map(Enum::name).orElseThrow(
                        () -> ApiException.badRequest("state", "unknown state '" + state + "': use a two-letter code like SP"));
        Region parsedRegion = null;
        if (!blank(region)) {
            try {
                parsedRegion = Region.valueOf(region.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("region", "unknown region '" + region + "': one of NORTE, NORDESTE, "
                        + "CENTRO_OESTE, SUDESTE, SUL");
            }
        }
        return new SalesFilter(fromDate, toDate, uf, parsedRegion, blank(category) ? null : category.strip());
    }

    /** Only a date range. */
    public static SalesFilter dates(String from, String to) {
        return parse(from, to, null, null, null);
    }

    /**
     * The SQL conditions on {@code o} (orders) and {@code c} (customers), each with one {@code ?}, added to {@code params}; the
     * zone is the first parameter of the date conditions. The category condition is the caller's (it needs the items).
     */
    public String conditions(String zone, List<Object> params) {
        List<String> where = new ArrayList<>();
        if (from != null) {
            where.add("o.ordered_at >= (?::date)::timestamp AT TIME ZONE ?");
            params.add(from);
            params.add(zone);
        }
        if (to != null) {
            where.add("o.ordered_at < (?::date + 1)::timestamp AT TIME ZONE ?");
            params.add(to);
            params.add(zone);
        }
        if (state != null) {
            where.add("c.state = ?");
            params.add(state);
        }
        if (region != null) {
            where.add("c.region = ?");
            params.add(region.name());
        }
        return where.isEmpty() ? "TRUE" : String.join(" AND ", where);
    }

    /** A whole-number query parameter from {@code min} to {@code max}, or a 400 naming it. */
    public static int wholeNumber(String field, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw ApiException.badRequest(field, field + " must be a whole number from " + min + " to " + max + ", got '"
                + value + "'");
    }

    private static LocalDate date(String field, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, field + " must be a date like 2024-01-31, got '" + value + "'");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
