package io.ecomanalytics.simulator.imports.csv;

import java.util.Map;

/**
 * One data row of a CSV file, its fields reached by column name. Blank fields read as {@code null}, the others stripped of
 * surrounding blanks, so "missing" has one meaning for every rule.
 */
public final class CsvRow {
    private final String file;
    private final long number;
    private final Map<String, Integer> columns;
    private final String[] values;

    CsvRow(String file, long number, Map<String, Integer> columns, String[] values) {
        this.file = file;
        this.number = number;
        this.columns = columns;
        this.values = values;
    }

    public String file() {
        return file;
    }

    /** 1 for the first row after the header. */
    public long number() {
        return number;
    }

    public String get(String column) {
        Integer i = columns.get(column);
        if (i == null || i >= values.length) {
            return null;
        }
        String v = values[i].strip();
        return v.isEmpty() ? null : v;
    }
}
