package io.ecomanalytics.simulator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ecomanalytics.simulator.TestSql;
import io.ecomanalytics.simulator.job.JobRunner;
import io.ecomanalytics.simulator.model.Run;
import io.ecomanalytics.simulator.model.SimulationRequest;
import io.ecomanalytics.simulator.repository.RunRepository;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A generated store checked against the model: 4 full years (2020-2023) x 12,000 new customers a year (15% CAGR) x 100 new
 * products a year after 5 years of trading, seed 7: about 140,000 orders, enough for the yearly growth to be measured within a
 * few points.
 */
@QuarkusTest
class SimulationServiceTest {
    static final SimulationRequest STORE = new SimulationRequest(4, 12_000, 100, LocalDate.of(2020, 1, 1), 7L, 0.005,
            "default", 0.15, 5, true);
    /** New customers per year, 2015-2023: 48,000 over 2020-2023 at 1.15^k, 48,000 / 4.993375 = 9612.74 in 2020. */
    static final List<Integer> WARM_UP_COHORTS = List.of(4779, 5496, 6321, 7269, 8359);
    static final List<Integer> WINDOW_COHORTS = List.of(9613, 11055, 12713, 14620);
    /** A store small enough to be quick, for the runs that are meant to leave nothing behind. */
    static final SimulationRequest SMALL = new SimulationRequest(1, 500, 20, LocalDate.of(2020, 1, 1), 7L, 0.005,
            "default", 0.15, 0, true);
    static final OffsetDateTime START = LocalDate.of(2020, 1, 1).atStartOfDay(ZoneId.of("America/Sao_Paulo"))
            .toOffsetDateTime();
    private static Run loaded;
    /** The phases of that load, as reported. */
    private static final List<String> loadPhases = new ArrayList<>();

    @Inject
    SimulationService simulations;
    @Inject
    JobRunner jobs;
    @Inject
    RunRepository runs;
    @Inject
    DataSource dataSource;
    private TestSql db;

    @BeforeEach
    void loadOnce() {
        db = new TestSql(dataSource);
        if (loaded == null || !loadedIsCurrent()) {
            loadPhases.clear();
            loaded = simulations.runHere(STORE, (phase, percent) -> loadPhases.add(phase));
            assertThat(loaded.status()).isEqualTo(Run.COMPLETED);
        }
    }

    @Test
    void blackFridayWeekIsTheTopWeekOfEveryYear() throws SQLException {
        // the week (Monday) of each year's most orders, among weeks wholly inside the data
        List<String> top = db.strings("WITH w AS (SELECT date_trunc('week', ordered_at AT TIME ZONE 'America/Sao_Paulo')::date"
                + " AS wk, count(*) AS n FROM commerce.orders GROUP BY 1)"
                + " SELECT (array_agg(wk ORDER BY n DESC))[1]::text FROM w WHERE wk >= '2020-01-06' AND wk <= '2023-12-25'"
                + " GROUP BY extract(year FROM wk) ORDER BY 1");
        // Black Fridays 2020-11-27, 2021-11-26, 2022-11-25, 2023-11-24: their weeks start on these Mondays
        assertThat(top).containsExactly("2020-11-23", "2021-11-22", "2022-11-21", "2023-11-20");
    }

    @Test
    void yearlyOrdersGrowWithTheAcquisitionCagrFromTheFirstYear() throws SQLException {
        List<Long> perYear = db.longs("SELECT count(*) FROM commerce.orders"
                + " GROUP BY extract(year FROM ordered_at AT TIME ZONE 'America/Sao_Paulo') ORDER BY 1");
        assertThat(perYear).hasSize(4);
        // Tolerance: yearly counts of ~27,000-42,000 orders are near Poisson, so a growth ratio has a standard deviation of
        // at most 1.15 * sqrt(1/27,000 + 1/31,000) = 0.95 points (less in fact: the years share customers); 3 of them, plus
        // what the 5-year warm-up leaves of the missing older cohorts (the model's expected growth is 15.7%, 15.4%, 15.3%)
        // and of the calendar (the years' weights differ by under 0.2%): 15% +- 3.5 points. Without a warm-up the model
        // expects +54%, +24%, +19%, which this rejects.
        for (int year = 1; year < perYear.size(); year++) {
            double growth = (double) perYear.get(year) / perYear.get(year - 1) - 1;
            assertThat(growth).as("orders %d over %d", 2020 + year, 2019 + year).isCloseTo(0.15, within(0.035));
        }
    }

    @Test
    void newCustomersFollowTheCagrInTheWindowAndBefore() throws SQLException {
        JsonNode truth = loaded.result().get("groundTruth");
        assertThat(ints(truth.get("customersByYear"))).isEqualTo(WINDOW_COHORTS);
        assertThat(truth.get("warmUpYears").asInt()).isEqualTo(5);
        assertThat(ints(truth.get("warmUpCustomersByYear"))).isEqualTo(WARM_UP_COHORTS);
        // every cohort of the window is in the table; fraud accounts are extra customers whose orders are all anomalous,
        // and so are the few regular one-order customers whose order was turned into an anomaly on their own account
        // (0.5% x 62% of the anomalies x their ~40% share of customers: about 0.1%, allowed 0.5%)
        List<Long> regular = db.longs("SELECT count(*) FROM commerce.customers c WHERE created_at >= ?"
                + " AND (NOT EXISTS (SELECT 1 FROM commerce.orders o WHERE o.customer_id = c.id)"
                + " OR EXISTS (SELECT 1 FROM commerce.orders o WHERE o.customer_id = c.id AND NOT o.is_simulated_fraud))"
                + " GROUP BY extract(year FROM created_at AT TIME ZONE 'America/Sao_Paulo') ORDER BY 1", START);
        assertThat(regular).hasSize(4);
        for (int year = 0; year < 4; year++) {
            long expected = WINDOW_COHORTS.get(year);
            assertThat(regular.get(year)).as("customers of %d", 2020 + year).isBetween(expected - expected / 200,
                    expected);
        }
        // the warm-up's customers appear only if they buy in the window, they alone were created before it, and none of
        // their orders before the window is written
        assertThat(db.longs("SELECT count(*) FROM commerce.customers WHERE created_at < ?", START))
                .containsExactly(truth.get("customersBeforeStart").asLong());
        assertThat(truth.get("customersBeforeStart").asLong()).isPositive();
        assertThat(db.longs("SELECT count(*) FROM commerce.orders WHERE ordered_at < ?", START)).containsExactly(0L);
    }

    @Test
    void injectsTheRequestedShareOfFraudOfEveryKind() throws SQLException {
        long orders = db.longs("SELECT count(*) FROM commerce.orders").get(0);
        long fraud = db.longs("SELECT count(*) FROM commerce.orders WHERE is_simulated_fraud").get(0);
        // 0.5% of ~140,000 orders is ~700 anomalies: a binomial sd of 0.019 points, widened to 0.027 by the bursts of 3-6
        // orders (variance x E[k^2]/E[k] = 4.8 for their quarter); +-0.08 points is three of them
        assertThat((double) fraud / orders).isBetween(0.0042, 0.0058);
        JsonNode byKind = loaded.result().get("groundTruth").get("fraudOrders");
        long recorded = 0;
        for (String kind : List.of("EXTREME_QUANTITY", "PRICE_OUTLIER", "NEW_ACCOUNT_BURST", "ODD_HOUR_AND_PLACE")) {
            assertThat(byKind.get(kind).asLong()).as(kind).isPositive();
            recorded += byKind.get(kind).asLong();
        }
        assertThat(recorded).isEqualTo(fraud);
        assertThat(db.longs("SELECT count(*) FROM commerce.order_items i JOIN commerce.orders o ON o.id = i.order_id"
                + " WHERE o.is_simulated_fraud AND i.quantity >= 20").get(0)).isPositive();
    }

    @Test
    void everyForeignKeyHoldsAndOrderTotalsAreTheSumsOfTheirItems() throws SQLException {
        // the schema's foreign keys are in force (COPY checks them) and none was left unvalidated
        assertThat(db.longs("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated"
                + " AND connamespace = 'commerce'::regnamespace AND conrelid::regclass::text IN ('commerce.orders',"
                + " 'commerce.order_items', 'commerce.payments')")).containsExactly(5L);
        assertThat(db.longs("SELECT count(*) FROM commerce.orders o WHERE NOT EXISTS"
                + " (SELECT 1 FROM commerce.customers c WHERE c.id = o.customer_id)"
                + " OR NOT EXISTS (SELECT 1 FROM commerce.order_items i WHERE i.order_id = o.id)"
                + " OR NOT EXISTS (SELECT 1 FROM commerce.payments p WHERE p.order_id = o.id)")).containsExactly(0L);
        assertThat(db.longs("SELECT count(*) FROM commerce.order_items i WHERE NOT EXISTS"
                + " (SELECT 1 FROM commerce.products p WHERE p.id = i.product_id)"
                + " OR NOT EXISTS (SELECT 1 FROM commerce.orders o WHERE o.id = i.order_id)")).containsExactly(0L);
        assertThat(db.longs("SELECT count(*) FROM commerce.payments p WHERE NOT EXISTS"
                + " (SELECT 1 FROM commerce.orders o WHERE o.id = p.order_id)")).containsExactly(0L);
        // and nobody orders before signing up
        assertThat(db.longs("SELECT count(*) FROM commerce.orders o JOIN commerce.customers c ON c.id = o.customer_id"
                + " WHERE o.ordered_at < c.created_at")).containsExactly(0L);
        assertThat(db.longs("SELECT count(*) FROM commerce.orders o JOIN (SELECT order_id, sum(quantity) AS q,"
                + " sum(quantity * unit_price) AS r, sum(quantity * unit_cost) AS c, sum(freight) AS f"
                + " FROM commerce.order_items GROUP BY order_id) s ON s.order_id = o.id"
                + " WHERE o.item_count <> s.q OR o.revenue <> s.r OR o.cost IS DISTINCT FROM s.c OR o.freight <> s.f"))
                .containsExactly(0L);
        assertThat(db.longs("SELECT count(*) FROM commerce.orders o JOIN commerce.payments p ON p.order_id = o.id"
                + " WHERE p.amount <> o.revenue + o.freight")).containsExactly(0L);
        assertThat(db.longs("SELECT count(*) FROM commerce.customers c WHERE c.region <> CASE"
                + " WHEN c.state IN ('SP', 'RJ', 'MG', 'ES') THEN 'SUDESTE' WHEN c.state IN ('PR', 'SC', 'RS') THEN 'SUL'"
                + " WHEN c.state IN ('DF', 'GO', 'MT', 'MS') THEN 'CENTRO_OESTE'"
                + " WHEN c.state IN ('AC', 'AP', 'AM', 'PA', 'RO', 'RR', 'TO') THEN 'NORTE' ELSE 'NORDESTE' END"))
                .containsExactly(0L);
    }

    @Test
    void plantedPairsAreBoughtTogetherFarAboveChance() throws SQLException {
        JsonNode pairs = loaded.result().get("groundTruth").get("plantedPairs");
        assertThat(pairs).hasSize(8);
        for (JsonNode pair : pairs) {
            long a = pair.get("firstProductId").asLong();
            long b = pair.get("secondProductId").asLong();
            // lift = P(a and b) / (P(a) P(b)) over orders; the pairs are the best sellers, so even chance co-occurrence
            // is not rare (lift 1 means independent), yet a planted pair is bought together several times more often
            double lift = db.number("WITH baskets AS (SELECT bool_or(product_id = ?) AS a, bool_or(product_id = ?) AS b"
                    + " FROM commerce.order_items GROUP BY order_id)"
                    + " SELECT count(*) FILTER (WHERE a AND b)::float8 * count(*)"
                    + " / nullif(count(*) FILTER (WHERE a) * count(*) FILTER (WHERE b), 0) FROM baskets", a, b);
            assertThat(lift).as("lift of %d and %d", a, b).isGreaterThan(5);
        }
    }

    @Test
    void bringsTheSalesMartUpToDateInTheRunsOwnTransaction() throws SQLException {
        // the store loaded for these tests: its sales are in the mart analytics reads, counted by the run's own rebuild
        assertThat(db.longs("SELECT count(*) FROM commerce.mart_orders")).containsExactly(db.longs(
                "SELECT count(*) FROM commerce.orders WHERE status NOT IN ('canceled', 'unavailable')").get(0));
        JsonNode mart = loaded.result().get("salesMart");
        assertThat(mart.get("refresh").asText()).isEqualTo("full");
        assertThat(db.longs("SELECT version FROM commerce.mart_state")).containsExactly(mart.get("version").asLong());
        assertThat(db.longs("SELECT count(*) FROM commerce.mart_changes")).containsExactly(0L);
        assertThat(loadPhases).containsSubsequence("loading payments", "sales mart: changes", "sales mart: writing",
                "sales mart: indexing", "sales mart: swapping", "committing");
    }

    @Test
    void aRunCancelledWhileTheMartIsRebuiltLeavesNothingBehind() throws SQLException {
        Map<String, String> before = checksums();
        List<String> version = db.strings("SELECT version || ' ' || refreshed_at FROM commerce.mart_state");
        Run cancelled = simulations.runHere(SMALL, (phase, percent) -> {
            if (phase.equals("sales mart: writing")) {
                runs.list(SimulationService.KIND, 5).stream().filter(r -> Run.RUNNING.equals(r.status()))
                        .forEach(r -> jobs.cancel(r.id()));
            }
        });
        assertThat(cancelled.status()).isEqualTo(Run.CANCELLED);
        assertRowsOf(cancelled, 0);
        assertThat(checksums()).isEqualTo(before);
        assertThat(db.strings("SELECT version || ' ' || refreshed_at FROM commerce.mart_state")).isEqualTo(version);
    }

    @Test
    void aReplaceLoadPutsBackEveryIndexConstraintAndTriggerItLoadedWithout() throws SQLException {
        // the load of this class's store was a replace: it ran on bare tables and restored them before its mart
        assertThat(loaded.result().get("millis").has("indexesAndConstraints")).isTrue();
        assertThat(loadPhases).containsSubsequence("loading payments", "indexes and constraints", "sales mart: changes");
        String shape = schemaShape();
        assertThat(shape).contains("orders_customer_sales_idx", "order_items_product_idx", "customers_state_idx",
                "order_items_order_id_fkey", "orders_customer_id_fkey", "payments_order_id_fkey",
                "mart_orders_inserted O", "mart_items_inserted O");
        Run again = simulations.runHere(SMALL, (phase, percent) -> {
        });
        // the store is the small one now: the next test loads this class's store again
        loaded = null;
        assertThat(again.status()).isEqualTo(Run.COMPLETED);
        assertThat(schemaShape()).isEqualTo(shape);
        // and a replace cancelled while its tables are bare gets them back with its rollback
        Run cancelled = simulations.runHere(SMALL, (phase, percent) -> {
            if (phase.equals("loading orders")) {
                runs.list(SimulationService.KIND, 5).stream().filter(r -> Run.RUNNING.equals(r.status()))
                        .forEach(r -> jobs.cancel(r.id()));
            }
        });
        assertThat(cancelled.status()).isEqualTo(Run.CANCELLED);
        assertThat(schemaShape()).isEqualTo(shape);
    }

    /** Every index, constraint and user trigger of schema commerce, with the triggers' enabled state. */
    private String schemaShape() throws SQLException {
        return String.join("\n", db.strings("SELECT indexdef FROM pg_indexes WHERE schemaname = 'commerce'"
                + " UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE connamespace = 'commerce'::regnamespace"
                + " UNION ALL SELECT tgname || ' ' || tgenabled::text FROM pg_trigger"
                + " WHERE NOT tgisinternal AND tgrelid::regclass::text LIKE 'commerce.%' ORDER BY 1"));
    }

    @Test
    void theSameSeedGivesTheSameData() throws SQLException {
        Map<String, String> first = checksums();
        Run again = simulations.runHere(STORE, (phase, percent) -> {
        });
        loaded = again;
        assertThat(again.status()).isEqualTo(Run.COMPLETED);
        assertThat(checksums()).isEqualTo(first);
        assertThat(again.counts()).containsEntry("products", 400L).containsEntry("payments", again.counts().get("orders"));
    }

    @Test
    void aCancelledRunLeavesNothingBehind() throws SQLException {
        Map<String, String> before = checksums();
        Run cancelled = simulations.runHere(SMALL, (phase, percent) -> {
            if (phase.equals("loading order_items")) {
                runs.list(SimulationService.KIND, 5).stream().filter(r -> Run.RUNNING.equals(r.status()))
                        .forEach(r -> jobs.cancel(r.id()));
            }
        });
        assertThat(cancelled.status()).isEqualTo(Run.CANCELLED);
        assertThat(cancelled.counts()).isEmpty();
        assertRowsOf(cancelled, 0);
        // the replace (truncate) was rolled back too
        assertThat(checksums()).isEqualTo(before);
    }

    @Test
    void aFailingRunLeavesNothingBehind() throws SQLException {
        Map<String, String> before = checksums();
        // a customer already holding an id the next load will take makes its COPY fail half-way
        long taken = db.longs("SELECT last_value + 50 FROM commerce.customers_id_seq").get(0);
        db.execute("INSERT INTO commerce.customers (id, name, created_at) VALUES (?, 'squatter', now())", taken);
        SimulationRequest append = new SimulationRequest(1, 500, 20, LocalDate.of(2020, 1, 1), 7L, 0.005, "default", 0.15,
                0, false);
        Run failed = simulations.runHere(append, (phase, percent) -> {
        });
        db.execute("DELETE FROM commerce.customers WHERE name = 'squatter'");
        assertThat(failed.status()).isEqualTo(Run.FAILED);
        assertThat(failed.error()).contains("duplicate key");
        assertRowsOf(failed, 0);
        assertThat(checksums()).isEqualTo(before);
    }

    private void assertRowsOf(Run run, long expected) throws SQLException {
        for (String table : List.of("customers", "products", "orders")) {
            assertThat(db.longs("SELECT count(*) FROM commerce." + table + " WHERE run_id = ?", run.id()))
                    .as(table).containsExactly(expected);
        }
    }

    private boolean loadedIsCurrent() {
        try {
            return db.longs("SELECT count(*) FROM commerce.orders WHERE run_id = ?", loaded.id()).get(0) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** md5 of every generated table's rows in id order, without the run id. */
    private Map<String, String> checksums() throws SQLException {
        Map<String, String> sums = new LinkedHashMap<>();
        sums.put("customers", db.strings("SELECT md5(string_agg((id, name, email, segment, region, state, city, created_at)"
                + "::text, '|' ORDER BY id)) FROM commerce.customers").get(0));
        sums.put("products", db.strings("SELECT md5(string_agg((id, name, category, unit_cost, unit_price, lifecycle_stage,"
                + " launched_at, discontinued_at)::text, '|' ORDER BY id)) FROM commerce.products").get(0));
        sums.put("orders", db.strings("SELECT md5(string_agg((id, customer_id, ordered_at, status, approved_at, shipped_at,"
                + " delivered_at, estimated_delivery_at, channel, is_simulated_fraud, item_count, revenue, cost, freight)"
                + "::text, '|' ORDER BY id)) FROM commerce.orders").get(0));
        sums.put("order_items", db.strings("SELECT md5(string_agg((order_id, line_no, product_id, quantity, unit_price,"
                + " unit_cost, freight)::text, '|' ORDER BY order_id, line_no)) FROM commerce.order_items").get(0));
        sums.put("payments", db.strings("SELECT md5(string_agg((order_id, seq, type, installments, amount)::text, '|'"
                + " ORDER BY order_id, seq)) FROM commerce.payments").get(0));
        return sums;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asInt()));
        return values;
    }
}
