package io.ecomanalytics.exports.writer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.ecomanalytics.exports.model.ColumnType;

/** How cell values are read and shown, the same way in every writer. */
final class Values {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Values() {
    }

    /** A number as a double, or null when the value is not a number. */
    static Double number(Object value) {
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        return null;
    }

    /** A date value, or null. */
    static LocalDate date(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof LocalDateTime t) {
            return t.toLocalDate();
        }
        return null;
    }

    /** An instant as its UTC wall time, or null. */
    static LocalDateTime timestamp(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (value instanceof ZonedDateTime t) {
            return t.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (value instanceof Instant t) {
            return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime t) {
            return t;
        }
        return null;
    }

    /** The value as text the way the JSON answer shows it (CSV), empty for null. */
    static String plain(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value.toString();
    }

    /** The value formatted for reading (PDF). */
    static String display(Object value, ColumnType type) {
        if (value == null) {
            return "";
        }
        Double number = number(value);
        if (number != null) {
            return switch (type) {
                case ID -> plain(value);
                case INTEGER -> format("#,##0", number);
                case MONEY -> format("#,##0.00", number);
                case RATIO -> format("0.00", number * 100) + "%";
                case PERCENT -> format("0.00", number);
                case DECIMAL -> value instanceof BigDecimal d
                        ? format("#,##0" + (d.scale() > 0 ? "." + "0".repeat(Math.min(d.scale(), 4)) : ""),
                                d.setScale(Math.max(0, Math.min(d.scale(), 4)), RoundingMode.HALF_UP).doubleValue())
                        : format("#,##0.####", number);
                default -> plain(value);
            };
        }
        LocalDateTime time = timestamp(value);
        if (time != null) {
            return TIMESTAMP.format(time);
        }
        return plain(value);
    }

    private static String format(String pattern, double value) {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    /** Whether a column is shown right-aligned. */
    static boolean numeric(ColumnType type) {
        return type != ColumnType.TEXT && type != ColumnType.DATE && type != ColumnType.TIMESTAMP;
    }
}
