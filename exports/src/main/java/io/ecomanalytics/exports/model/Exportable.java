package io.ecomanalytics.exports.model;

/** An answer that can also be written as CSV, Excel or PDF: it says which tables represent it. */
public interface Exportable {
    Export toExport();
}
