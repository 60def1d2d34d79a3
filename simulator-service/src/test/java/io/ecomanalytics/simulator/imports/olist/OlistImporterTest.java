package io.ecomanalytics.simulator.imports.olist;

import static io.ecomanalytics.simulator.imports.ImportFixtures.BAD_OLIST;
import static io.ecomanalytics.simulator.imports.ImportFixtures.VALID_OLIST;
import static io.ecomanalytics.simulator.imports.ImportFixtures.counts;
import static io.ecomanalytics.simulator.imports.ImportFixtures.olistCopy;
import static io.ecomanalytics.simulator.imports.ImportFixtures.queryDecimal;
import static io.ecomanalytics.simulator.imports.ImportFixtures.queryLong;
import static io.ecomanalytics.simulator.imports.ImportFixtures.queryString;
import static io.ecomanalytics.simulator.imports.ImportFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.simulator.imports.ImportCancelledException;
import io.ecomanalytics.simulator.imports.ImportFixtures;
import io.ecomanalytics.simulator.imports.ImportOptions;
import io.ecomanalytics.simulator.imports.ImportProgress;
import io.ecomanalytics.simulator.imports.ImportReport;
import io.ecomanalytics.simulator.imports.ImportReport.FileCounts;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OlistImporterTest {
    /** The valid fixture's rows per table (see src/test/resources/imports/README.md). */
    static final Map<String, Long> VALID_COUNTS = Map.of("orders", 29L, "order_items", 34L, "payments", 31L,
            "customers", 29L, "products", 31L, "sellers", 28L, "reviews", 0L);

    @Inject
    OlistImporter importer;
    @Inject
    DataSource dataSource;

    @BeforeEach
    void empty() {
        ImportFixtures.emptyCommerce(dataSource);
    }

    private ImportReport load(Path dir, boolean replace) {
        return importer.run(ImportFixtures.olistSource(dir), new ImportOptions(replace), ImportProgress.NONE,
                () -> false);
    }

    @Test
    void bringsTheSalesMartUpToDateInTheImportsOwnTransaction() {
        long version = queryLong(dataSource, "SELECT coalesce(max(version), 0) FROM commerce.mart_state");
        List<String> phases = new ArrayList<>();
        importer.run(ImportFixtures.olistSource(resource(VALID_OLIST)), new ImportOptions(false),
                (phase, percent, rows) -> phases.add(phase), () -> false);

        // every sale of the fixture is in the mart that analytics reads, counted by the import's own refresh
        long sales = queryLong(dataSource, "SELECT count(*) FROM commerce.orders WHERE status NOT IN ('canceled',"
                + " 'unavailable')");
        assertThat(sales).isPositive();
        assertThat(queryLong(dataSource, "SELECT count(*) FROM commerce.mart_orders")).isEqualTo(sales);
        assertThat(queryLong(dataSource, "SELECT version FROM commerce.mart_state")).isGreaterThan(version);
        assertThat(queryLong(dataSource, "SELECT count(*) FROM commerce.mart_changes")).isZero();
        assertThat(phases).containsSubsequence("write payments", "sales mart: changes", "done");
    }

    @Test
    void anImportCancelledWhileTheMartIsRefreshedLoadsNothing() {
        long version = queryLong(dataSource, "SELECT coalesce(max(version), 0) FROM commerce.mart_state");
        AtomicBoolean cancel = new AtomicBoolean();
        ImportProgress progress = (phase, percent, rows) -> cancel.compareAndSet(false, phase.startsWith("sales mart"));
        assertThatThrownBy(() -> importer.run(ImportFixtures.olistSource(resource(VALID_OLIST)), new ImportOptions(false),
                progress, cancel::get)).isInstanceOf(ImportCancelledException.class);
        assertThat(queryLong(dataSource, "SELECT count(*) FROM commerce.orders")).isZero();
        assertThat(queryLong(dataSource, "SELECT coalesce(max(version), 0) FROM commerce.mart_state")).isEqualTo(version);
    }

    @Test
    void loadsEveryRowOfTheValidFixture() {
        ImportReport report = load(resource(VALID_OLIST), false);

        assertThat(counts(dataSource)).containsExactlyInAnyOrderEntriesOf(VALID_COUNTS);
        assertThat(report.totals().rejected()).isZero();
        assertThat(report.files().get("olist_orders_dataset.csv.gz")).isEqualTo(new FileCounts(29, 29, 0, Map.of()));
        assertThat(report.files().get("product_category_name_translation.csv.gz").loaded()).isEqualTo(71);
        // 34 items sum to 4,281.71 in price and 716.18 in freight (summed from the fixture file).
        assertThat(queryDecimal(dataSource, "SELECT sum(revenue) FROM commerce.orders")).isEqualByComparingTo("4281.71");
        assertThat(queryDecimal(dataSource, "SELECT sum(freight) FROM commerce.orders")).isEqualByComparingTo("716.18");
        assertThat(queryDecimal(dataSource, "SELECT sum(amount) FROM commerce.payments")).isEqualByComparingTo("5041.69");
        assertThat(queryLong(dataSource, "SELECT count(*) FROM commerce.orders WHERE cost IS NOT NULL")).isZero();
        assertThat(queryLong(dataSource, "SELECT count(*) FROM commerce.products WHERE unit_cost IS NOT NULL"
                + " OR unit_price IS NOT NULL")).isZero();
        // A zone-less Olist timestamp is São Paulo time: 2016-09-15 12:16:38 there (UTC-3) is 15:16:38 UTC.
        assertThat(queryString(dataSource, "SELECT to_char(ordered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
                + " FROM commerce.orders WHERE external_id = 'bfbd0f9bdef84302105ad712db648a6c'"))
                .isEqualTo("2016-09-15 15:16:38");
        // Order 0017afd5… has items 1..4, each one unit.
        assertThat(queryLong(dataSource, "SELECT item_count FROM commerce.orders"
                + " WHERE external_id = '0017afd5076e074a48f1f1a4c7bac9c5'")).isEqualTo(
                        queryLong(dataSource, "SELECT count(*) FROM commerce.order_items i JOIN commerce.orders o"
                                + " ON o.id = i.order_id WHERE o.external_id = '0017afd5076e074a48f1f1a4c7bac9c5'"));
        // Customer d4eb9395… is in Atibaia, SP (zip 12952), region Sudeste, one row per Olist customer id.
        assertThat(queryString(dataSource, "SELECT concat_ws('|', unique_external_id, zip_prefix, city, state, region,"
                + " country) FROM commerce.customers WHERE external_id = 'd4eb9395c8c0431ee92fce09860c5a06'"))
                .isEqualTo("af861d436cfc08b2c2ddefd0ba074622|12952|atibaia|SP|SUDESTE|Brazil");
        // Categories are translated with the BOM-prefixed translation file; the quoted ids lose their quotes.
        assertThat(queryLong(dataSource, "SELECT count(*) FROM commerce.products WHERE category = 'bed_bath_table'"))
                .isEqualTo(6);
        assertThat(queryLong(dataSource, "SELECT count(*) FROM commerce.products WHERE category = 'furniture_decor'"))
                .isEqualTo(4);
        assertThat(queryLong(dataSource, "SELECT count(*) FROM commerce.products WHERE external_id LIKE '\"%'"))
                .isZero();
    }

    @Test
    void rejectsPlantedBadRowsByRuleAndReconciles(@TempDir Path dir) {
        ImportReport report = load(olistCopy(dir, resource(BAD_OLIST)), false);

        assertThat(report.files().get("olist_orders_dataset.csv")).isEqualTo(new FileCounts(30, 27, 3,
                Map.of("timestamp:order_purchase_timestamp", 1L, "status", 1L, "duplicate-key", 1L)));
        assertThat(report.files().get("olist_order_items_dataset.csv")).isEqualTo(new FileCounts(34, 30, 4,
                Map.of("order-rejected", 2L, "non-negative:price", 1L, "foreign-key:product_id", 1L)));
        assertThat(report.files().get("olist_order_payments_dataset.csv")).isEqualTo(new FileCounts(32, 29, 3,
                Map.of("order-rejected", 2L, "foreign-key:order_id", 1L)));
        report.files().values().forEach(f -> assertThat(f.read()).isEqualTo(f.loaded() + f.rejected()));
        assertThat(report.totals().rejected()).isEqualTo(10);
        assertThat(report.rejectedRows()).hasSize(10)
                .anySatisfy(r -> assertThat(r.reason()).isEqualTo("order rejected"))
                .anySatisfy(r -> assertThat(r.key()).isEqualTo("000576fe39319847cbb9d288c5617fa6"));
        assertThat(counts(dataSource)).containsEntry("orders", 27L).containsEntry("order_items", 30L)
                .containsEntry("payments", 29L);
    }

    @Test
    void refusesIdsAlreadyLoadedWithoutReplace() {
        load(resource(VALID_OLIST), false);
        ImportReport again = load(resource(VALID_OLIST), false);

        assertThat(counts(dataSource)).containsExactlyInAnyOrderEntriesOf(VALID_COUNTS);
        assertThat(again.files().get("olist_orders_dataset.csv.gz").rejectedByRule())
                .isEqualTo(Map.of("already-loaded", 29L));
        assertThat(again.files().get("olist_order_items_dataset.csv.gz").rejectedByRule())
                .isEqualTo(Map.of("order-rejected", 34L));
        assertThat(again.files().get("olist_products_dataset.csv.gz").rejectedByRule())
                .isEqualTo(Map.of("already-loaded", 31L));
        assertThat(again.rejectedRows().get(0).reason()).isEqualTo("duplicate key: already loaded");
        assertThat(again.totals().loaded()).isEqualTo(71);
    }

    @Test
    void replaceEmptiesTheTablesFirst() {
        load(resource(VALID_OLIST), false);
        ImportReport replaced = load(resource(VALID_OLIST), true);

        assertThat(replaced.totals().rejected()).isZero();
        assertThat(counts(dataSource)).containsExactlyInAnyOrderEntriesOf(VALID_COUNTS);
    }

    @Test
    void cancelledImportLeavesTheDatabaseAsItWas() {
        load(resource(VALID_OLIST), false);
        BigDecimal revenue = queryDecimal(dataSource, "SELECT sum(revenue) FROM commerce.orders");
        AtomicBoolean cancel = new AtomicBoolean();
        // Cancel after the replace has truncated and the customers are written: only a rollback restores them.
        ImportProgress progress = (phase, percent, rows) -> cancel.compareAndSet(false, phase.equals("write orders"));

        assertThatThrownBy(() -> importer.run(ImportFixtures.olistSource(resource(VALID_OLIST)),
                new ImportOptions(true), progress, cancel::get)).isInstanceOf(ImportCancelledException.class);

        assertThat(counts(dataSource)).containsExactlyInAnyOrderEntriesOf(VALID_COUNTS);
        assertThat(queryDecimal(dataSource, "SELECT sum(revenue) FROM commerce.orders")).isEqualByComparingTo(revenue);
    }

    @Test
    void truncatedGzipIsRefusedAndLeavesEarlierData(@TempDir Path dir) throws IOException {
        load(resource(VALID_OLIST), false);
        Path orders = olistCopy(dir).resolve("olist_orders_dataset.csv.gz");
        byte[] whole = Files.readAllBytes(orders);
        Files.write(orders, java.util.Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> load(dir, true)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.field()).isEqualTo("olist_orders_dataset.csv.gz");
            assertThat(e.getMessage()).contains("truncated or corrupt gzip");
        });
        assertThat(counts(dataSource)).containsExactlyInAnyOrderEntriesOf(VALID_COUNTS);
    }

    @Test
    void missingColumnIsRefusedAndLeavesEarlierData(@TempDir Path dir) throws IOException {
        load(resource(VALID_OLIST), false);
        Path customers = olistCopy(dir).resolve("olist_customers_dataset.csv");
        Files.writeString(customers, Files.readString(customers).replace(",customer_state\n", "\n"));

        assertThatThrownBy(() -> load(dir, true)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.field()).isEqualTo("olist_customers_dataset.csv");
            assertThat(e.getMessage()).contains("no column 'customer_state'");
        });
        assertThat(counts(dataSource)).containsExactlyInAnyOrderEntriesOf(VALID_COUNTS);
    }

    @Test
    void invalidUtf8IsRefused(@TempDir Path dir) throws IOException {
        Path sellers = olistCopy(dir).resolve("olist_sellers_dataset.csv");
        byte[] bytes = Files.readAllBytes(sellers);
        bytes[bytes.length / 2] = (byte) 0xFF;
        Files.write(sellers, bytes);

        assertThatThrownBy(() -> load(dir, false)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.field()).isEqualTo("olist_sellers_dataset.csv");
            assertThat(e.getMessage()).contains("not valid UTF-8");
        });
        assertThat(counts(dataSource).get("orders")).isZero();
    }

    @Test
    void loadsReviewsWhenPresent(@TempDir Path dir) throws IOException {
        Files.writeString(olistCopy(dir).resolve("olist_order_reviews_dataset.csv"),
                """
                        review_id,order_id,review_score,review_comment_title,review_comment_message,review_creation_date,review_answer_timestamp
                        r1,00024acbcdf0a6daa1e931b038114c75,5,,"Muito bom, chegou rápido",2018-08-15 00:00:00,2018-08-16 10:00:00
                        r2,00042b26cf59d7ce69dfabb4e55b4fd9,7,,,2017-03-02 00:00:00,
                        r3,eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee,4,,,2017-03-02 00:00:00,
                        """);

        ImportReport report = load(dir, false);

        assertThat(report.files().get("olist_order_reviews_dataset.csv")).isEqualTo(new FileCounts(3, 1, 2,
                Map.of("integer:review_score", 1L, "foreign-key:order_id", 1L)));
        assertThat(queryString(dataSource, "SELECT concat_ws('|', r.external_id, r.score, r.comment_message)"
                + " FROM commerce.reviews r JOIN commerce.orders o ON o.id = r.order_id")).isEqualTo(
                        "r1|5|Muito bom, chegou rápido");
    }

    @Test
    void missingMandatoryFileIsRefused(@TempDir Path dir) throws IOException {
        Files.copy(resource(VALID_OLIST).resolve("olist_sellers_dataset.csv"), dir.resolve("olist_sellers_dataset.csv"));

        assertThatThrownBy(() -> load(dir, false)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getMessage()).contains("needs olist_orders_dataset.csv"));
    }
}
