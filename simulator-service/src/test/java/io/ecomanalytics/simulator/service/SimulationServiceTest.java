package io.ecomanalytics.simulator.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ecomanalytics.simulator.job.JobRunner;
import io.ecomanalytics.simulator.model.Run;
import io.ecomanalytics.simulator.model.SimulationRequest;
import io.ecomanalytics.simulator.repository.RunRepository;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A generated store checked against the model: 4 full years (2020-2023) x 1500 new customers a year (15% CAGR) x 100 new
 * products a year, seed 7.
 */
@QuarkusTest
class SimulationServiceTest {
    static final SimulationRequest STORE = new SimulationRequest(4, 1500, 100, LocalDate.of(2020, 1, 1), 7L, 0.005,
            "default", 0.15, true);
    private static Run loaded;

    @Inject
    SimulationService simulations;
    @Inject
    JobRunner jobs;
    @Inject
    RunRepository runs;
    @Inject
    DataSource dataSource;

    @BeforeEach
    void loadOnce() {
        if (loaded == null || !loadedIsCurrent()) {
            loaded = simulations.runHere(STORE, (phase, percent) -> {
            });
            assertThat(loaded.status()).isEqualTo(Run.COMPLETED);
        }
    }

    @Test
    void blackFridayWeekIsTheTopWeekOfEveryYear() throws SQLException {
        // the week (Monday) of each year's most orders, among weeks wholly inside the data
        List<String> top = strings("WITH w AS (SELECT date_trunc('week', ordered_at AT TIME ZONE 'America/Sao_Paulo')::date"
                + " AS wk, count(*) AS n FROM commerce.orders GROUP BY 1)"
                + " SELECT (array_agg(wk ORDER BY n DESC))[1]::text FROM w WHERE wk >= '2020-01-06' AND wk <= '2023-12-25'"
                + " GROUP BY extract(year FROM wk) ORDER BY 1");
        // Black Fridays 2020-11-27, 2021-11-26, 2022-11-25, 2023-11-24: their weeks start on these Mondays
        assertThat(top).containsExactly("2020-11-23", "2021-11-22", "2022-11-21", "2023-11-20");
    }

    @Test
    void yearlyOrdersGrowWithTheAcquisitionCagr() throws SQLException {
        List<Long> perYear = longs("SELECT count(*) FROM commerce.orders"
                + " GROUP BY extract(year FROM ordered_at AT TIME ZONE 'America/Sao_Paulo') ORDER BY 1");
        assertThat(perYear).hasSize(4);
        // A cohort makes most of its orders within two years of its acquisition, so from the third year on the orders
        // grow with the 15% CAGR; left over are older cohorts' tails and noise at ~5,000 orders a year: +-7 points.
        double growth = (double) perYear.get(3) / perYear.get(2) - 1;
        assertThat(growth).isBetween(0.08, 0.22);
        // new customers themselves follow the CAGR exactly (1500 a year on average: 1201, 1381, 1588, 1830)
        assertThat(longs("SELECT count(*) FROM commerce.customers WHERE created_at < '2024-01-01'"
                + " AND id NOT IN (SELECT customer_id FROM commerce.orders WHERE is_simulated_fraud)"
                + " GROUP BY extract(year FROM created_at AT TIME ZONE 'America/Sao_Paulo') ORDER BY 1").get(3))
                .isBetween(1820L, 1830L);
    }

    @Test
    void injectsTheRequestedShareOfFraudOfEveryKind() throws SQLException {
        long orders = longs("SELECT count(*) FROM commerce.orders").get(0);
        long fraud = longs("SELECT count(*) FROM commerce.orders WHERE is_simulated_fraud").get(0);
        // 0.5% of ~20,000 orders is ~100 anomalies; +-0.15 points is three standard deviations
        assertThat((double) fraud / orders).isBetween(0.0035, 0.0065);
        JsonNode byKind = loaded.result().get("groundTruth").get("fraudOrders");
        long recorded = 0;
        for (String kind : List.of("EXTREME_QUANTITY", "PRICE_OUTLIER", "NEW_ACCOUNT_BURST", "ODD_HOUR_AND_PLACE")) {
            assertThat(byKind.get(kind).asLong()).as(kind).isPositive();
            recorded += byKind.get(kind).asLong();
        }
        assertThat(recorded).isEqualTo(fraud);
        assertThat(longs("SELECT count(*) FROM commerce.order_items i JOIN commerce.orders o ON o.id = i.order_id"
                + " WHERE o.is_simulated_fraud AND i.quantity >= 20").get(0)).isPositive();
    }

    @Test
    void everyForeignKeyHoldsAndOrderTotalsAreTheSumsOfTheirItems() throws SQLException {
        assertThat(longs("SELECT count(*) FROM commerce.orders o WHERE NOT EXISTS"
                + " (SELECT 1 FROM commerce.customers c WHERE c.id = o.customer_id)"
                + " OR NOT EXISTS (SELECT 1 FROM commerce.order_items i WHERE i.order_id = o.id)"
                + " OR NOT EXISTS (SELECT 1 FROM commerce.payments p WHERE p.order_id = o.id)")).containsExactly(0L);
        assertThat(longs("SELECT count(*) FROM commerce.order_items i WHERE NOT EXISTS"
                + " (SELECT 1 FROM commerce.products p WHERE p.id = i.product_id)")).containsExactly(0L);
        assertThat(longs("SELECT count(*) FROM commerce.orders o JOIN (SELECT order_id, sum(quantity) AS q,"
                + " sum(quantity * unit_price) AS r, sum(quantity * unit_cost) AS c, sum(freight) AS f"
                + " FROM commerce.order_items GROUP BY order_id) s ON s.order_id = o.id"
                + " WHERE o.item_count <> s.q OR o.revenue <> s.r OR o.cost IS DISTINCT FROM s.c OR o.freight <> s.f"))
                .containsExactly(0L);
        assertThat(longs("SELECT count(*) FROM commerce.orders o JOIN commerce.payments p ON p.order_id = o.id"
                + " WHERE p.amount <> o.revenue + o.freight")).containsExactly(0L);
        assertThat(longs("SELECT count(*) FROM commerce.customers c WHERE c.region <> CASE"
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
            double lift = doubles("WITH baskets AS (SELECT bool_or(product_id = ?) AS a, bool_or(product_id = ?) AS b"
                    + " FROM commerce.order_items GROUP BY order_id)"
                    + " SELECT count(*) FILTER (WHERE a AND b)::float8 * count(*)"
                    + " / nullif(count(*) FILTER (WHERE a) * count(*) FILTER (WHERE b), 0) FROM baskets", a, b);
            assertThat(lift).as("lift of %d and %d", a, b).isGreaterThan(5);
        }
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
    void theOlistLikeProfileHasMostlyOneTimeBuyersAndSaoPauloHeavyDemand() throws SQLException {
        Run olist = simulations.runHere(new SimulationRequest(2, 1500, 50, LocalDate.of(2017, 1, 1), 11L, 0.0,
                "olist-like", 0.15, true), (phase, percent) -> {
                });
        assertThat(olist.status()).isEqualTo(Run.COMPLETED);
        assertThat(olist.result().get("groundTruth").get("r").asDouble()).isEqualTo(0.05);
        // Olist: ~97% of customers order once; São Paulo holds ~42% of them (vs 21.9% of the population)
        double oneTimers = doubles("SELECT avg((n = 1)::int)::float8 FROM (SELECT count(*) AS n FROM commerce.orders"
                + " GROUP BY customer_id) c", 0, 0);
        assertThat(oneTimers).isGreaterThan(0.93);
        double saoPaulo = doubles("SELECT avg((state = 'SP')::int)::float8 FROM commerce.customers", 0, 0);
        assertThat(saoPaulo).isBetween(0.38, 0.46);
    }

    @Test
    void aCancelledRunLeavesNothingBehind() throws SQLException {
        Map<String, String> before = checksums();
        Run cancelled = simulations.runHere(STORE, (phase, percent) -> {
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
        long taken = longs("SELECT last_value + 50 FROM commerce.customers_id_seq").get(0);
        execute("INSERT INTO commerce.customers (id, name, created_at) VALUES (" + taken + ", 'squatter', now())");
        SimulationRequest append = new SimulationRequest(4, 1500, 100, LocalDate.of(2020, 1, 1), 7L, 0.005, "default",
                0.15, false);
        Run failed = simulations.runHere(append, (phase, percent) -> {
        });
        execute("DELETE FROM commerce.customers WHERE name = 'squatter'");
        assertThat(failed.status()).isEqualTo(Run.FAILED);
        assertThat(failed.error()).contains("duplicate key");
        assertRowsOf(failed, 0);
        assertThat(checksums()).isEqualTo(before);
    }

    private void assertRowsOf(Run run, long expected) throws SQLException {
        for (String table : List.of("customers", "products", "orders")) {
            assertThat(longs("SELECT count(*) FROM commerce." + table + " WHERE run_id = '" + run.id() + "'"))
                    .as(table).containsExactly(expected);
        }
    }

    private boolean loadedIsCurrent() {
        try {
            return longs("SELECT count(*) FROM commerce.orders WHERE run_id = '" + loaded.id() + "'").get(0) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** md5 of every generated table's rows in id order, without the run id. */
    private Map<String, String> checksums() throws SQLException {
        Map<String, String> sums = new LinkedHashMap<>();
        sums.put("customers", strings("SELECT md5(string_agg((id, name, email, segment, region, state, city, created_at)"
                + "::text, '|' ORDER BY id)) FROM commerce.customers").get(0));
        sums.put("products", strings("SELECT md5(string_agg((id, name, category, unit_cost, unit_price, lifecycle_stage,"
                + " launched_at, discontinued_at)::text, '|' ORDER BY id)) FROM commerce.products").get(0));
        sums.put("orders", strings("SELECT md5(string_agg((id, customer_id, ordered_at, status, approved_at, shipped_at,"
                + " delivered_at, estimated_delivery_at, channel, is_simulated_fraud, item_count, revenue, cost, freight)"
                + "::text, '|' ORDER BY id)) FROM commerce.orders").get(0));
        sums.put("order_items", strings("SELECT md5(string_agg((order_id, line_no, product_id, quantity, unit_price,"
                + " unit_cost, freight)::text, '|' ORDER BY order_id, line_no)) FROM commerce.order_items").get(0));
        sums.put("payments", strings("SELECT md5(string_agg((order_id, seq, type, installments, amount)::text, '|'"
                + " ORDER BY order_id, seq)) FROM commerce.payments").get(0));
        return sums;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private List<Long> longs(String sql) throws SQLException {
        return strings(sql).stream().map(Long::parseLong).toList();
    }

    /** The first value of a query; binds {@code a} and {@code b} to its parameters where it has them. */
    private double doubles(String sql, long a, long b) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            if (st.getParameterMetaData().getParameterCount() == 2) {
                st.setLong(1, a);
                st.setLong(2, b);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    private List<String> strings(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}
