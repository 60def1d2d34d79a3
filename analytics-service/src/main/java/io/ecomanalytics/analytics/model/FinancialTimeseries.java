package io.ecomanalytics.analytics.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Totals per calendar bucket (every bucket of the range, empty ones included) with growth against the bucket before. */
public record FinancialTimeseries(LocalDate from, LocalDate to, Granularity granularity, List<Point> points)
        implements
            CsvExportable {

    /** One bucket, named by its first day in the store zone. */
    public record Point(LocalDate period, FinancialMetrics metrics, BigDecimal revenueGrowth) {
    }

    @Override
    public CsvTable toCsv() {
        List<String> header = new ArrayList<>(List.of("period"));
        header.addAll(FinancialMetrics.CSV_HEADER);
        header.add("revenueGrowth");
        List<List<Object>> rows = new ArrayList<>();
        for (Point p : points) {
            List<Object> row = new ArrayList<>();
            row.add(p.period());
            row.addAll(p.metrics().csvCells());
            row.add(p.revenueGrowth());
            rows.add(row);
        }
        return new CsvTable(header, rows);
    }
}
