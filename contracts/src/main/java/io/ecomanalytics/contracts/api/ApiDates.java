package io.ecomanalytics.contracts.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.ecomanalytics.contracts.problem.ApiException;

/**
 * The one rule for a date a caller gives, in a query, a path or a body, in every service: an ISO calendar date written
 * {@code YYYY-MM-DD} in ASCII digits (no sign, no five-digit year), inside the window of {@link ApiSettings.Dates}. Anything
 * else is a 400 naming the field.
 */
@ApplicationScoped
public class ApiDates {
    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private final LocalDate earliest;
    private final LocalDate latest;

    @Inject
    public ApiDates(ApiSettings settings) {
        this(settings.dates().earliest(), settings.dates().latest());
    }

    ApiDates(LocalDate earliest, LocalDate latest) {
        this.earliest = earliest;
        this.latest = latest;
    }

    /** The date {@code raw} names, or a 400 naming {@code field}. */
    public LocalDate parse(String field, String raw) {
        if (raw == null || !ISO_DATE.matcher(raw).matches()) {
            throw ApiException.badRequest(field, field + " must be an ISO date (YYYY-MM-DD)");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, field + " must be an ISO date (YYYY-MM-DD); " + raw
                    + " is not a day of the calendar");
        }
        return check(field, date);
    }

    /** The date itself when it lies inside the window, else a 400 naming {@code field}. */
    public LocalDate check(String field, LocalDate date) {
        if (date.isBefore(earliest) || date.isAfter(latest)) {
            throw ApiException.badRequest(field, field + " must lie between " + earliest + " and " + latest);
        }
        return date;
    }

    public LocalDate earliest() {
        return earliest;
    }

    public LocalDate latest() {
        return latest;
    }
}
