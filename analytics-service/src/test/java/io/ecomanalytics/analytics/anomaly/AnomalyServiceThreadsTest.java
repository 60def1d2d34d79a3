package io.ecomanalytics.analytics.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.analytics.Writer;
import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.analytics.repository.SqlRunner;
import io.ecomanalytics.contracts.config.StoreSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The stream is scored by several threads, each into its own ranking: the answer must not depend on how many. */
@QuarkusTest
class AnomalyServiceThreadsTest {
    private static final SalesFilter EVERYTHING = new SalesFilter(null, null, null, null, null);

    @Inject
    @Writer
    DataSource dataSource;

    @Inject
    SqlRunner sql;

    @Inject
    StoreSettings store;

    @Inject
    ManagedExecutor executor;

    /**
     * 6,000 orders of 612 customers, one to three lines each, prices 45-55: several reader batches of 1,024 orders, so every
     * scoring thread gets some (and some of the frauds); every 500th order is a planted fraud of 20 units a line at 150.
     */
    @BeforeEach
    void orders() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE commerce.customers, commerce.orders, commerce.products CASCADE");
            st.execute("INSERT INTO commerce.products (id, category, unit_price) SELECT p, 'toys', 50"
                    + " FROM generate_series(1, 20) p");
            st.execute("INSERT INTO commerce.customers (id, state, region, created_at)"
                    + " SELECT k, CASE WHEN k % 7 = 0 THEN 'RJ' ELSE 'SP' END, 'SUDESTE', '2023-01-01T00:00:00Z'"
                    + " FROM generate_series(1, 612) k");
            st.execute("INSERT INTO commerce.orders (id, customer_id, ordered_at, status, item_count, revenue, freight,"
                    + " is_simulated_fraud) SELECT i, i % 612 + 1,"
                    + " TIMESTAMPTZ '2024-01-01T13:00:00Z' + i * INTERVAL '37 minutes', 'delivered', 1 + i % 3,"
                    + " (1 + i % 3) * (45 + i % 11), 10, i % 500 = 0"
                    + " FROM generate_series(1, 6000) i");
            st.execute("INSERT INTO commerce.order_items (order_id, line_no, product_id, quantity, unit_price)"
                    + " SELECT i, l, (i + l) % 20 + 1, CASE WHEN i % 500 = 0 THEN 20 ELSE 1 END,"
                    + " CASE WHEN i % 500 = 0 THEN 150 ELSE 45 + i % 11 END"
                    + " FROM generate_series(1, 6000) i, generate_series(1, 3) l WHERE l <= 1 + i % 3");
        }
    }

    /**
     * The service with the configuration's defaults but {@code threads} scorers and a small fetch size (several round trips).
     */
    private AnomalyService withThreads(int threads) {
        AnomalyConfig config = new SmallRyeConfigBuilder().withMapping(AnomalyConfig.class)
                .withDefaultValue("analytics.anomaly.scoring-threads", Integer.toString(threads))
                .withDefaultValue("analytics.anomaly.fetch-size", "700")
                .build().getConfigMapping(AnomalyConfig.class);
        return new AnomalyService(new AnomalyRepository(sql, store, config), config, executor);
    }

    @Test
    void oneThreadAndThreeGiveTheSameRankingAndEvaluation() {
        AnomalyReport one = withThreads(1).detect(EVERYTHING, 50, AnomalyService.ISOLATION_FOREST, null);
        AnomalyReport three = withThreads(3).detect(EVERYTHING, 50, AnomalyService.ISOLATION_FOREST, null);

        assertThat(one.ordersScored()).isEqualTo(6000);
        assertThat(three.ordersScored()).isEqualTo(6000);
        assertThat(three.orders()).hasSize(50).isEqualTo(one.orders());
        assertThat(three.evaluation()).isEqualTo(one.evaluation());
        assertThat(one.evaluation().labelledFraud()).isEqualTo(12);
        // the planted frauds (20 units a line at three times the usual price) are the most isolated orders
        assertThat(one.orders().subList(0, 12)).allSatisfy(o -> assertThat(o.orderId() % 500).isZero());
    }
}
