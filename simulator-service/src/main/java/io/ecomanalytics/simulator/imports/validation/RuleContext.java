package io.ecomanalytics.simulator.imports.validation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * What rules need besides the row: the timestamp format of the file, the zone its zone-less timestamps are in (the store's),
 * and the plausible date range. Also the one place that turns field text into values, so rules and loaders parse alike.
 */
public record RuleContext(DateTimeFormatter timestampFormat, ZoneId zone, LocalDate earliest, LocalDate latest) {

    /** The instant of a zone-less timestamp read in the store's zone; null for a missing field. */
    public OffsetDateTime timestamp(String text) {
        if (text == null) {
            return null;
        }
        return LocalDateTime.parse(text, timestampFormat).atZone(zone).toOffsetDateTime();
    }

    public boolean isTimestamp(String text) {
        try {
            timestamp(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    public static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    public static boolean isDecimal(String text) {
        try {
            decimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public static boolean isInteger(String text) {
        try {
            Integer.parseInt(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
