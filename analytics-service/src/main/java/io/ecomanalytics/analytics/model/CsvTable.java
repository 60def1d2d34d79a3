package io.ecomanalytics.analytics.model;

import java.util.List;

/** A flat table (header and rows) that a response offers for {@code Accept: text/csv}. */
public record CsvTable(List<String> header, List<List<Object>> rows) {
}
