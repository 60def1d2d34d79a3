package io.ecomanalytics.exports.model;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The rows of a table, pushed one at a time to a writer: a database cursor or a computation hands each row on as it is made, so
 * a whole list is never held. A source may be read only once.
 */
@FunctionalInterface
public interface Rows {
    /** Receives the rows, in order; each value is in the order of the table's columns. */
    @FunctionalInterface
    interface Sink {
        void row(Object... values);
    }

    /** Hands every row to {@code sink}. */
    void forEach(Sink sink);

    /** No rows. */
    static Rows none() {
        return sink -> {
        };
    }

    /** The rows of a list already in memory, each made into values by {@code cells}. */
    static <T> Rows of(Collection<T> items, Function<T, List<Object>> cells) {
        return sink -> items.forEach(item -> sink.row(cells.apply(item).toArray()));
    }

    /** Rows given as value lists. */
    static Rows of(List<List<Object>> rows) {
        return sink -> rows.forEach(row -> sink.row(row.toArray()));
    }

    /** Rows given as value arrays. */
    static Rows ofArrays(Object[]... rows) {
        return sink -> Arrays.stream(rows).forEach(sink::row);
    }
}
