package io.ecomanalytics.simulator.imports.orderlines;

import static io.ecomanalytics.simulator.imports.ImportFixtures.ORDER_LINES;
import static io.ecomanalytics.simulator.imports.ImportFixtures.counts;
import static io.ecomanalytics.simulator.imports.ImportFixtures.queryDecimal;
import static io.ecomanalytics.simulator.imports.ImportFixtures.queryLong;
import static io.ecomanalytics.simulator.imports.ImportFixtures.queryString;
import static io.ecomanalytics.simulator.imports.ImportFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.simulator.imports.ImportFixtures;
import io.ecomanalytics.simulator.imports.ImportProgress;
import io.ecomanalytics.simulator.imports.ImportReport;
import io.ecomanalytics.simulator.imports.ImportReport.FileCounts;
import io.ecomanalytics.simulator.imports.csv.CsvInput;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OrderLinesImporterTest {
    private static final OrderLinesOptions UCI = new OrderLinesOptions(false, OrderLinesMapping.UCI,
            OrderLinesOptions.dateFormat(null));

    @Inject
    OrderLinesImporter importer;
    @Inject
    DataSource dataSource;

    @BeforeEach
    void empty() {
        ImportFixtures.emptyCommerce(dataSource);
    }

    private ImportReport load(Path file, OrderLinesOptions options) {
        return importer.run(new CsvInput(file.getFileName().toString(), file), options, ImportProgress.NONE,
                () -> false);
    }

    private String order(String invoice, String columns) {
        return queryString(dataSource, "SELECT concat_ws('|', " + columns + ") FROM commerce.orders WHERE external_id = '"
                + invoice + "'");
    }

    @Test
    void turnsInvoicesIntoOrdersAndKeepsCancellations() {
        ImportReport report = load(resource(ORDER_LINES), UCI);

        // 30 lines; A563186 is a bad-debt adjustment with a negative price, the only refusal.
        assertThat(report.files().get("online_retail_sample.csv"))
                .isEqualTo(new FileCounts(30, 29, 1, Map.of("non-negative:UnitPrice", 1L)));
        // 10 invoices less A563186; 26 stock codes; 5 customer ids + guests of 536414, 536589 and A563185.
        assertThat(counts(dataSource)).containsEntry("orders", 9L).containsEntry("order_items", 29L)
                .containsEntry("products", 26L).containsEntry("customers", 8L).containsEntry("payments", 0L);
        // C-invoices and 536589 (a negative quantity without C) are cancellations, quantities stored positive.
        assertThat(queryString(dataSource, "SELECT string_agg(external_id, ',' ORDER BY external_id)"
                + " FROM commerce.orders WHERE status = 'canceled'")).isEqualTo("536589,C536379,C536383");
        assertThat(order("536589", "item_count, revenue")).isEqualTo("10|0.00");
        assertThat(order("C536379", "item_count, revenue")).isEqualTo("1|27.50");
        // 536365: 6×2.55 + 6×3.39 + 8×2.75 + 6×3.39 + 6×3.39 + 2×7.65 + 6×4.25 = 139.12 for 40 units.
        assertThat(order("536365", "status, item_count, revenue, freight")).isEqualTo("delivered|40|139.12|0.00");
        assertThat(queryDecimal(dataSource, "SELECT sum(revenue) FROM commerce.orders WHERE status = 'delivered'"))
                .isEqualByComparingTo(queryDecimal(dataSource, "SELECT sum(i.quantity * i.unit_price)"
                        + " FROM commerce.order_items i JOIN commerce.orders o ON o.id = i.order_id"
                        + " WHERE o.status = 'delivered'"));
        // 536559 repeats a line: both are kept, numbered 1..9 in file order.
        assertThat(queryString(dataSource, "SELECT string_agg(i.line_no::text, ',' ORDER BY i.line_no)"
                + " FROM commerce.order_items i JOIN commerce.orders o ON o.id = i.order_id"
                + " WHERE o.external_id = '536559'")).isEqualTo("1,2,3,4,5,6,7,8,9");
        // 544926's lines are a minute apart: the order is placed at the first (UK time read in the store's zone).
        assertThat(queryString(dataSource, "SELECT to_char(ordered_at AT TIME ZONE 'America/Sao_Paulo',"
                + " 'YYYY-MM-DD HH24:MI') FROM commerce.orders WHERE external_id = '544926'"))
                .isEqualTo("2011-02-24 17:50");
        assertThat(queryString(dataSource, "SELECT concat_ws('|', c.external_id, c.segment, c.country)"
                + " FROM commerce.customers c JOIN commerce.orders o ON o.customer_id = c.id"
                + " WHERE o.external_id = '536414'")).isEqualTo("guest:536414|guest|United Kingdom");
        assertThat(queryLong(dataSource, "SELECT count(*) FROM commerce.customers WHERE state IS NOT NULL")).isZero();
        assertThat(queryString(dataSource, "SELECT name FROM commerce.products WHERE external_id = '51014C'"))
                .isEqualTo("FEATHER PEN,COAL BLACK");
    }

    @Test
    void refusesInvoicesAlreadyLoadedAndReusesKnownProductsAndCustomers() {
        load(resource(ORDER_LINES), UCI);
        ImportReport again = load(resource(ORDER_LINES), UCI);

        assertThat(again.files().get("online_retail_sample.csv").rejectedByRule())
                .isEqualTo(Map.of("already-loaded", 29L, "non-negative:UnitPrice", 1L));
        assertThat(counts(dataSource)).containsEntry("orders", 9L).containsEntry("products", 26L)
                .containsEntry("customers", 8L);
    }

    @Test
    void readsOtherHeadersAndDateFormatsThroughTheMapping(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("retail-ii.csv");
        Files.writeString(file, """
                Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country
                489434,85048,15CM CHRISTMAS GLASS BALL 20 LIGHTS,12,01/12/2009 07:45,6.95,13085,United Kingdom
                489434,79323P,PINK CHERRY LIGHTS,12,01/12/2009 07:45,6.75,13085,United Kingdom
                C489449,22087,PAPER BUNTING WHITE LACE,-12,01/12/2009 10:33,2.95,16321,Australia
                489450,22087,PAPER BUNTING WHITE LACE,6,31/12/2009 25:00,2.95,16321,Australia
                """);
        OrderLinesOptions options = new OrderLinesOptions(true,
                OrderLinesMapping.withOverrides(Map.of("invoice", "Invoice", "unitPrice", "Price", "customerId",
                        "Customer ID")),
                OrderLinesOptions.dateFormat("dd/MM/yyyy HH:mm"));

        ImportReport report = load(file, options);

        assertThat(report.files().get("retail-ii.csv"))
                .isEqualTo(new FileCounts(4, 3, 1, Map.of("timestamp:InvoiceDate", 1L)));
        assertThat(order("489434", "status, item_count, revenue")).isEqualTo("delivered|24|164.40");
        assertThat(order("C489449", "status, item_count, revenue")).isEqualTo("canceled|12|35.40");
        assertThat(queryString(dataSource, "SELECT country FROM commerce.customers WHERE external_id = '16321'"))
                .isEqualTo("Australia");
    }

    @Test
    void refusesAFileWithoutAMappedColumn(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("lines.csv");
        Files.writeString(file, "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");

        assertThatThrownBy(() -> OrderLinesImporter.check(new CsvInput("lines.csv", file), UCI))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.field()).isEqualTo("lines.csv");
                    assertThat(e.getMessage()).contains("no column 'Description'");
                });
        assertThatThrownBy(() -> OrderLinesMapping.withOverrides(Map.of("sku", "Code")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("mapping.sku"));
        assertThatThrownBy(() -> OrderLinesOptions.dateFormat("yyyy-MM-dd qqqqqq"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("dateFormat"));
    }
}
