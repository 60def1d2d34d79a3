package io.ecomanalytics.simulator.imports.csv;

import java.nio.file.Path;

/** A CSV file to import: the name it is reported under (e.g. {@code olist_orders_dataset.csv.gz}) and where it is. */
public record CsvInput(String name, Path path) {
}
