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
public final class RuleContext {
    private final DateTimeFormatter timestampFormat;
    private final ZoneId zone;
    private final LocalDate earliest;
    private final LocalDate latest;
    // Each timestamp is read by several rules and by the writer, and neighbouring rows mostly share it (an invoice's
    // lines): remembering the last one parsed halves an order-lines import. One import uses its context on one thread.
    private String lastText;
    private OffsetDateTime lastValue;

    public RuleContext(DateTimeFormatter timestampFormat, ZoneId zone, LocalDate earliest, LocalDate latest) {
        this.timestampFormat = timestampFormat;
        this.zone = zone;
        this.earliest = earliest;
        this.latest = latest;
    }

    public DateTimeFormatter timestampFormat() {
        return timestampFormat;
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate earliest() {
        return earliest;
    }

    public LocalDate latest() {
        return latest;
    }

    /** The instant of a zone-less timestamp read in the store's zone; null for a missing field. */
    public OffsetDateTime timestamp(String text) {
        if (text == null) {
            return null;
        }
        if (!text.equals(lastText)) {
            lastValue = LocalDateTime.parse(text, timestampFormat).atZone(zone).toOffsetDateTime();
            lastText = text;
        }
        return lastValue;
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
