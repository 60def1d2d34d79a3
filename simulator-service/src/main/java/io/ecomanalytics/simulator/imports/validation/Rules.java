package io.ecomanalytics.simulator.imports.validation;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import io.ecomanalytics.simulator.imports.csv.CsvRow;

/** The rules the imports compose, each named after what it checks and the column it checks. */
public final class Rules {
    /** The reason every import gives for a row whose id is already in the database (without {@code replace}). */
    public static final String ALREADY_LOADED = "duplicate key: already loaded";

    /** The most characters of a field a reason quotes. */
    static final int SHOWN_LENGTH = 40;

    private Rules() {
    }

    /**
     * A field's text as a report may quote it: control characters replaced by {@code ?}, at most {@value #SHOWN_LENGTH}
     * characters.
     */
    public static String shown(String value) {
        if (value == null) {
            return null;
        }
        String printable = value.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > SHOWN_LENGTH ? printable.substring(0, SHOWN_LENGTH) + "…" : printable;
    }

    public static Rule<CsvRow> required(String column) {
        return Rule.of("required:" + column,
                (row, ctx) -> row.get(column) == null ? Optional.of(column + " is missing") : Optional.empty());
    }

    /** A timestamp in the file's format, when present (use {@link #required} too for a mandatory one). */
    public static Rule<CsvRow> timestamp(String column) {
        return Rule.of("timestamp:" + column, (row, ctx) -> {
            String v = row.get(column);
            return v == null || ctx.isTimestamp(v)
                    ? Optional.empty()
                    : Optional.of(column + " '" + shown(v) + "' is not a timestamp like " + ctx.timestampFormat());
        });
    }

    /** A timestamp between the configured earliest and latest plausible days. */
    public static Rule<CsvRow> plausibleDate(String column) {
        return Rule.of("date-range:" + column, (row, ctx) -> {
            OffsetDateTime t = ctx.timestamp(row.get(column));
            if (t == null) {
                return Optional.empty();
            }
            var day = t.atZoneSameInstant(ctx.zone()).toLocalDate();
            return day.isBefore(ctx.earliest()) || day.isAfter(ctx.latest())
                    ? Optional.of(column + " " + day + " is outside " + ctx.earliest() + ".." + ctx.latest())
                    : Optional.empty();
        });
    }

    /** A decimal number that is not negative, when present. */
    public static Rule<CsvRow> nonNegativeDecimal(String column) {
        return Rule.of("non-negative:" + column, (row, ctx) -> {
            String v = row.get(column);
            if (v == null) {
                return Optional.empty();
            }
            if (!RuleContext.isDecimal(v)) {
                return Optional.of(column + " '" + shown(v) + "' is not a number");
            }
            return new BigDecimal(v).signum() < 0 ? Optional.of(column + " " + shown(v) + " is negative") : Optional.empty();
        });
    }

    /** A whole number in [min, max], when present. */
    public static Rule<CsvRow> integer(String column, int min, int max) {
        return Rule.of("integer:" + column, (row, ctx) -> {
            String v = row.get(column);
            if (v == null) {
                return Optional.empty();
            }
            if (!RuleContext.isInteger(v)) {
                return Optional.of(column + " '" + shown(v) + "' is not a whole number");
            }
            int n = Integer.parseInt(v);
            return n < min || n > max
                    ? Optional.of(column + " " + n + " is outside " + min + ".." + max)
                    : Optional.empty();
        });
    }

    /** A value from a closed vocabulary (e.g. the order statuses the schema accepts). */
    public static Rule<CsvRow> oneOf(String name, String column, Set<String> allowed) {
        return Rule.of(name, (row, ctx) -> {
            String v = row.get(column);
            return v == null || allowed.contains(v)
                    ? Optional.empty()
                    : Optional.of(column + " '" + shown(v) + "' is not one of " + allowed);
        });
    }

    /** The row points at a row that exists (in this import or already loaded). */
    public static Rule<CsvRow> foreignKey(String column, String target, Predicate<String> exists) {
        return Rule.of("foreign-key:" + column, (row, ctx) -> {
            String v = row.get(column);
            return v == null || exists.test(v)
                    ? Optional.empty()
                    : Optional.of(column + " " + shown(v) + " is not a known " + target);
        });
    }

    /** The row belongs to an order this import refused: it goes with it. */
    public static Rule<CsvRow> parentAccepted(String column, Predicate<String> rejectedOrder) {
        return Rule.of("order-rejected", (row, ctx) -> rejectedOrder.test(row.get(column))
                ? Optional.of("order rejected")
                : Optional.empty());
    }

    /** The first row with a key wins; later rows with the same key in the same file are refused. */
    public static Rule<CsvRow> unique(Function<CsvRow, String> key) {
        Set<String> seen = new HashSet<>();
        return Rule.of("duplicate-key", (row, ctx) -> {
            String k = key.apply(row);
            return seen.add(k) ? Optional.empty() : Optional.of("duplicate key " + shown(k) + " in the file");
        });
    }

    /** Without {@code replace}, a row whose id is already in the database is refused. */
    public static Rule<CsvRow> notLoaded(Function<CsvRow, String> key, Predicate<String> loaded) {
        return Rule.of("already-loaded",
                (row, ctx) -> loaded.test(key.apply(row)) ? Optional.of(ALREADY_LOADED) : Optional.empty());
    }
}
