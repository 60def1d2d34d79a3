package io.ecomanalytics.metrics.service;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import io.ecomanalytics.contracts.problem.ApiException;

/** An inclusive range of store days a caller asked for: {@code from} not after {@code to}, and not longer than allowed. */
public record DayRange(LocalDate from, LocalDate to) {

    /**
     * The range, or a 400 naming {@code to}.
     *
     * @param what
     *            what the range is for, as the refusal names it ("a call", "a rebuild")
     */
    public static DayRange of(LocalDate from, LocalDate to, int maxDays, String what) {
        if (to.isBefore(from)) {
            throw ApiException.badRequest("to", "'to' (" + to + ") is before 'from' (" + from + ")");
        }
        DayRange range = new DayRange(from, to);
        if (range.days() > maxDays) {
            throw ApiException.badRequest("to", what + " covers at most " + maxDays + " days; asked for " + range.days());
        }
        return range;
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }
}
