package io.ecomanalytics.simulator.imports.quality;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The data-quality report as one CSV table of {@code section, subject, metric, value}, for spreadsheets. */
public final class DataQualityCsv {
    private DataQualityCsv() {
    }

    public static String write(DataQualityReport r) {
        StringWriter text = new StringWriter();
        try (CSVPrinter out = new CSVPrinter(text, CSVFormat.RFC4180.builder()
                .setHeader("section", "subject", "metric", "value").build())) {
            r.rows().forEach((table, n) -> print(out, "rows", table, "count", n));
            for (var c : r.completeness()) {
                print(out, "completeness", c.table() + "." + c.column(), "non_null_share", c.share());
            }
            for (var d : r.distributions()) {
                String subject = d.table() + "." + d.column();
                print(out, "distribution", subject, "count", d.count());
                print(out, "distribution", subject, "min", d.min());
                print(out, "distribution", subject, "p25", d.p25());
                print(out, "distribution", subject, "p50", d.p50());
                print(out, "distribution", subject, "p75", d.p75());
                print(out, "distribution", subject, "max", d.max());
                print(out, "distribution", subject, "mean", d.mean());
            }
            r.integrity().forEach(c -> print(out, "integrity", c.name(), "count", c.count()));
            r.duplicates().forEach(c -> print(out, "duplicates", c.name(), "count", c.count()));
            print(out, "coverage", "orders", "first_order_at", r.coverage().firstOrderAt());
            print(out, "coverage", "orders", "last_order_at", r.coverage().lastOrderAt());
            print(out, "coverage", "orders", "months_with_orders", r.coverage().monthsWithOrders());
            r.coverage().ordersPerMonth().forEach((m, n) -> print(out, "coverage", m, "orders", n));
            print(out, "orders_without_items", "orders", "count", r.ordersWithoutItems().count());
            r.ordersWithoutItems().externalIds().forEach(id -> print(out, "orders_without_items", id, "order", 1));
            print(out, "orders_without_payments", "orders", "count", r.ordersWithoutPayments().count());
            r.ordersWithoutPayments().externalIds()
                    .forEach(id -> print(out, "orders_without_payments", id, "order", 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void print(CSVPrinter out, String section, String subject, String metric, Object value) {
        try {
            out.printRecord(section, subject, metric, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
