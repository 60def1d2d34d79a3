package io.ecomanalytics.analytics.model;

/** A response that can also be written as CSV: it says which flat table represents it. */
public interface CsvExportable {
    CsvTable toCsv();
}
