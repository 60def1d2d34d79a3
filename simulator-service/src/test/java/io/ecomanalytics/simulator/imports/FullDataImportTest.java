package io.ecomanalytics.simulator.imports;

import static io.ecomanalytics.simulator.imports.ImportFixtures.counts;
import static io.ecomanalytics.simulator.imports.ImportFixtures.queryLong;
import static io.ecomanalytics.simulator.imports.ImportFixtures.queryString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.simulator.imports.ImportReport.FileCounts;
import io.ecomanalytics.simulator.imports.csv.CsvInput;
import io.ecomanalytics.simulator.imports.olist.OlistImporter;
import io.ecomanalytics.simulator.imports.orderlines.OrderLinesImporter;
import io.ecomanalytics.simulator.imports.orderlines.OrderLinesMapping;
import io.ecomanalytics.simulator.imports.orderlines.OrderLinesOptions;
import io.ecomanalytics.simulator.imports.quality.DataQualityReport;
import io.ecomanalytics.simulator.imports.quality.DataQualityService;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The real data sets of {@code ../shared/data} (system property {@code shared.data.dir}, set by the root pom), checked against
 * the figures its README documents. Skipped where the folder is absent.
 */
@QuarkusTest
class FullDataImportTest {
    @Inject
    OlistImporter olist;
    @Inject
    OrderLinesImporter orderLines;
    @Inject
    DataQualityService quality;
    @Inject
    DataSource dataSource;

    private Path data;

    @BeforeEach
    void needsTheSharedData() {
        String dir = System.getProperty("shared.data.dir", "");
        data = Path.of(dir.isEmpty() ? "../shared/data" : dir);
        assumeTrue(Files.isDirectory(data.resolve("olist")) && Files.isDirectory(data.resolve("online-retail")),
                "skipped: the real data sets are not at " + data.toAbsolutePath()
                        + " (set -Dshared.data.dir to the folder holding olist/ and online-retail/)");
        ImportFixtures.emptyCommerce(dataSource);
    }

    @Test
    void loadsTheOlistSubsetWithTheDocumentedCounts() {
        ImportReport report = olist.run(ImportFixtures.olistSource(data.resolve("olist")),
                new ImportOptions(false), ImportProgress.NONE, () -> false);

        assertThat(report.totals().rejected()).isZero();
        assertThat(report.files().get("olist_orders_dataset.csv.gz")).isEqualTo(new FileCounts(30_572, 30_572, 0,
                Map.of()));
        assertThat(counts(dataSource)).containsEntry("orders", 30_572L).containsEntry("order_items", 34_763L)
                .containsEntry("customers", 30_572L).containsEntry("payments", 31_974L)
                .containsEntry("products", 32_951L).containsEntry("sellers", 3_095L);
        assertThat(queryLong(dataSource, "SELECT count(DISTINCT unique_external_id) FROM commerce.customers"))
                .isEqualTo(30_197);
        assertThat(queryLong(dataSource, "SELECT count(DISTINCT product_id) FROM commerce.order_items"))
                .isEqualTo(15_096);
        assertThat(queryLong(dataSource, "SELECT count(DISTINCT seller_id) FROM commerce.order_items"))
                .isEqualTo(2_290);
        assertThat(queryString(dataSource, "SELECT string_agg(status || '=' || n, ',' ORDER BY n DESC) FROM"
                + " (SELECT status, count(*) AS n FROM commerce.orders GROUP BY status) s"))
                .isEqualTo("delivered=29858,shipped=245,unavailable=165,canceled=149,invoiced=80,processing=73,"
                        + "created=2");

        DataQualityReport dq = quality.report();
        assertThat(dq.ordersWithoutItems().count()).isEqualTo(207);
        assertThat(dq.ordersWithoutItems().externalIds()).hasSize(207);
        assertThat(dq.ordersWithoutItems().byStatus()).isEqualTo(Map.of("unavailable", 163L, "canceled", 41L,
                "created", 2L, "invoiced", 1L));
        assertThat(dq.ordersWithoutPayments().count()).isEqualTo(1);
        assertThat(dq.ordersWithoutPayments().externalIds()).containsExactly("bfbd0f9bdef84302105ad712db648a6c");
        assertThat(dq.coverage().firstOrderAt()).hasToString("2016-09-15T12:16:38-03:00");
        assertThat(dq.coverage().lastOrderAt()).hasToString("2018-10-03T18:55:29-03:00");
        assertThat(dq.duplicates().get(0).count()).isEqualTo(30_572 - 30_197);
    }

    @Test
    void loadsAndReconcilesUciOnlineRetail() {
        Path file = data.resolve("online-retail/online_retail.csv.gz");
        ImportReport report = orderLines.run(new CsvInput(file.getFileName().toString(), file),
                new OrderLinesOptions(false, OrderLinesMapping.UCI, OrderLinesOptions.dateFormat(null)),
                ImportProgress.NONE, () -> false);

        // Two "Adjust bad debt" lines (A563186, A563187) carry a negative price: the only refusals.
        assertThat(report.files().get("online_retail.csv.gz")).isEqualTo(new FileCounts(541_909, 541_907, 2,
                Map.of("non-negative:UnitPrice", 2L)));
        // 25,900 invoices less the two adjustments; 4,070 stock codes; 4,372 customers and 3,708 guest invoices.
        assertThat(counts(dataSource)).containsEntry("orders", 25_898L).containsEntry("order_items", 541_907L)
                .containsEntry("products", 4_070L).containsEntry("customers", 4_372L + 3_708L);
        // Cancellations are kept: C invoices and invoices with a negative quantity, 5,172 of them.
        assertThat(queryLong(dataSource, "SELECT count(*) FROM commerce.orders WHERE status = 'canceled'"))
                .isEqualTo(5_172);
        // Sum of |Quantity| over the loaded lines, counted in the file.
        assertThat(queryLong(dataSource, "SELECT sum(quantity) FROM commerce.order_items")).isEqualTo(6_145_510);
        assertThat(queryLong(dataSource, "SELECT sum(item_count) FROM commerce.orders")).isEqualTo(6_145_510);
    }
}
