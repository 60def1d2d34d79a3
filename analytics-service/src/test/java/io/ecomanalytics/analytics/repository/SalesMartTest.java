package io.ecomanalytics.analytics.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.analytics.SalesFixture;
import io.ecomanalytics.contracts.config.StoreSettings;
import io.ecomanalytics.contracts.mart.SalesMartRefresh;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The sales mart follows the source tables when their writers refresh it: after each kind of change, a refresh of only the
 * changed persons leaves exactly the rows a rebuild from scratch writes; an uncommitted change stays queued until it commits;
 * every refresh that changed something bumps the data version; a rebuild leaves the readers the previous mart until it commits.
 */
@QuarkusTest
class SalesMartTest {
    @Inject
    @io.quarkus.agroal.DataSource("primary")
    DataSource dataSource;

    @Inject
    StoreSettings store;

    /** The service's own datasource: read-only. */
    @Inject
    DataSource serviceDataSource;

    @BeforeEach
    void loadFixture() throws SQLException {
        SalesFixture.load(dataSource);
        assertThat(refresh()).as("a truncation rebuilds everything").isEqualTo("full");
    }

    @Test
    void holdsOneRowPerSaleWithEachPersonsPreviousSale() throws SQLException {
        // 27 orders, of which 7 (canceled) and 16 (unavailable) are not sales
        assertThat(query("SELECT count(*) FROM commerce.mart_orders")).containsExactly("25");
        // person-A (rows 11 and 12, smallest id 11): 2024-03-10 in SP, then 2024-06-15 in RJ, first there
        assertThat(query("SELECT order_id || ' ' || person || ' ' || day || ' ' || coalesce(prev_day::text, '-') || ' '"
                + " || coalesce(prev_region_day::text, '-') || ' ' || coalesce(prev_state_day::text, '-') || ' ' || first_day"
                + " || ' ' || first_state_day FROM commerce.mart_orders WHERE person = 11 ORDER BY day"))
                .containsExactly("22 11 2024-03-10 - - - 2024-03-10 2024-03-10",
                        "23 11 2024-06-15 2024-03-10 2024-03-10 - 2024-03-10 2024-06-15");
        // order 6 at 23:30 store time on 2024-03-31 is a sale of that day (UTC already April); revenue in cents
        assertThat(query("SELECT day || ' ' || revenue || ' ' || coalesce(cost::text, '-') FROM commerce.mart_orders"
                + " WHERE order_id = 6")).containsExactly("2024-03-31 1500 -");
    }

    @Test
    void refreshesOnlyTheChangedPersonsToWhatARebuildWrites() throws SQLException {
        // an order older than the customer's others: every later sale's previous day moves
        execute("INSERT INTO commerce.orders (id, customer_id, ordered_at, status, item_count, revenue, cost)"
                + " VALUES (28, 1, '2023-06-01 12:00-03', 'delivered', 1, 10, 4)");
        execute("INSERT INTO commerce.order_items (order_id, line_no, product_id, quantity, unit_price, unit_cost)"
                + " VALUES (28, 1, 1, 1, 10, 4)");
        assertRefreshedLikeARebuild();
        assertThat(query("SELECT prev_day || ' ' || first_day FROM commerce.mart_orders WHERE order_id = 1"))
                .containsExactly("2023-06-01 2023-06-01");

        execute("UPDATE commerce.orders SET status = 'canceled' WHERE id = 5");
        assertRefreshedLikeARebuild();
        assertThat(query("SELECT count(*) FROM commerce.mart_orders WHERE order_id = 5")).containsExactly("0");

        execute("UPDATE commerce.order_items SET quantity = 3 WHERE order_id = 10");
        assertRefreshedLikeARebuild();

        execute("UPDATE commerce.customers SET state = 'RS', region = 'SUL' WHERE id = 3");
        assertRefreshedLikeARebuild();
        assertThat(query("SELECT DISTINCT state FROM commerce.mart_orders WHERE person = 3")).containsExactly("RS");

        // row 11, whose id names person-A, leaves it: row 12 alone is person-A now, and row 11 a person of its own
        execute("UPDATE commerce.customers SET unique_external_id = NULL WHERE id = 11");
        assertRefreshedLikeARebuild();
        assertThat(query("SELECT order_id || ' ' || person FROM commerce.mart_orders WHERE order_id IN (22, 23)"
                + " ORDER BY order_id")).containsExactly("22 11", "23 12");
        // and row 4 joins person-A, whose smallest id it becomes
        execute("UPDATE commerce.customers SET unique_external_id = 'person-A' WHERE id = 4");
        assertRefreshedLikeARebuild();
        assertThat(query("SELECT DISTINCT person FROM commerce.mart_orders WHERE order_id IN (10, 23, 24)"))
                .containsExactly("4");

        execute("DELETE FROM commerce.orders WHERE id = 9");
        assertRefreshedLikeARebuild();
        assertThat(query("SELECT count(*) FROM commerce.mart_lines WHERE order_id = 9")).containsExactly("0");

        assertThat(refresh()).as("nothing left queued").isEqualTo("fresh");
    }

    @Test
    void leavesAnUncommittedChangeQueuedUntilItCommits() throws SQLException {
        try (Connection writer = dataSource.getConnection()) {
            writer.setAutoCommit(false);
            try (Statement st = writer.createStatement()) {
                st.execute("INSERT INTO commerce.orders (id, customer_id, ordered_at, status, item_count, revenue, cost)"
                        + " VALUES (29, 4, '2024-06-30 12:00-03', 'delivered', 1, 20, 10)");
            }
            assertThat(refresh()).isEqualTo("fresh");
            writer.commit();
        }
        assertThat(refresh()).isEqualTo("persons");
        assertThat(query("SELECT revenue FROM commerce.mart_orders WHERE order_id = 29")).containsExactly("2000");
    }

    @Test
    void rebuildsEverythingAfterABulkStatement() throws SQLException {
        execute("INSERT INTO commerce.orders (id, customer_id, ordered_at, status, item_count, revenue)"
                + " SELECT 1000 + g, 4, timestamptz '2022-01-01 12:00-03' + g * interval '1 hour', 'delivered', 1, 5"
                + " FROM generate_series(1, 5001) g");
        assertThat(refresh()).isEqualTo("full");
        assertThat(query("SELECT count(*) FROM commerce.mart_orders")).containsExactly("5026");
    }

    @Test
    void bumpsTheDataVersionWithEveryRefreshThatChangedTheMart() throws SQLException {
        List<String> first = query("SELECT version || ' ' || refreshed_at FROM commerce.mart_state");
        assertThat(refresh()).isEqualTo("fresh");
        assertThat(query("SELECT version || ' ' || refreshed_at FROM commerce.mart_state")).isEqualTo(first);

        execute("UPDATE commerce.orders SET status = 'canceled' WHERE id = 5");
        assertThat(refresh()).isEqualTo("persons");
        execute("INSERT INTO commerce.mart_changes VALUES (NULL)");
        assertThat(refresh()).isEqualTo("full");
        long version = Long.parseLong(first.get(0).split(" ")[0]);
        assertThat(query("SELECT version FROM commerce.mart_state")).containsExactly(String.valueOf(version + 2));
        assertThat(query("SELECT refreshed_at > '" + first.get(0).substring(first.get(0).indexOf(' ') + 1)
                + "'::timestamptz FROM commerce.mart_state")).containsExactly("t");
    }

    /**
     * A rebuild writes a new mart beside the live one: until it commits, the service's read-only connections read the previous
     * mart without waiting for any lock of it (a lock wait would fail their 1 ms lock timeout), then the new one.
     */
    @Test
    void leavesReadersThePreviousMartUntilARebuildCommits() throws SQLException {
        List<String> steps = new ArrayList<>();
        try (Connection writer = dataSource.getConnection()) {
            writer.setAutoCommit(false);
            try (Statement st = writer.createStatement()) {
                st.execute("INSERT INTO commerce.orders (id, customer_id, ordered_at, status, item_count, revenue, cost)"
                        + " VALUES (29, 4, '2024-06-30 12:00-03', 'delivered', 1, 20, 10)");
                st.execute("INSERT INTO commerce.mart_changes VALUES (NULL)");
                assertThat(call(st, "SELECT commerce.mart_refresh_begin('" + store.zone().getId() + "', 10000)"))
                        .isEqualTo("full");
                st.execute("SELECT commerce.mart_rebuild_write('" + store.zone().getId() + "')");
                st.execute("SELECT commerce.mart_rebuild_index()");
            }
            assertThat(read("SELECT count(*) FROM commerce.mart_orders")).as("while the rebuild runs").isEqualTo("25");
            try (Statement st = writer.createStatement()) {
                st.execute("SELECT commerce.mart_rebuild_swap('" + store.zone().getId() + "')");
            }
            writer.commit();
        }
        assertThat(read("SELECT count(*) FROM commerce.mart_orders")).as("once it committed").isEqualTo("26");
        assertThat(refresh()).isEqualTo("fresh");

        // the same steps as a writer runs them, reported as they start
        execute("INSERT INTO commerce.mart_changes VALUES (NULL)");
        try (Connection writer = dataSource.getConnection()) {
            writer.setAutoCommit(false);
            SalesMartRefresh.refresh(writer, store.zone(), (step, done) -> steps.add(step));
            writer.commit();
        }
        assertThat(steps).containsExactly("changes", "writing", "indexing", "swapping");
        assertThat(query("SELECT count(*) FROM pg_namespace WHERE nspname = 'commerce_mart_build'")).containsExactly("0");
    }

    /** mart_write must name the mart tables unqualified, so that a rebuild writes the new ones: the swap checks it did. */
    @Test
    void refusesToSwapInARebuildThatWroteIntoTheLiveMart() throws SQLException {
        try (Connection writer = dataSource.getConnection()) {
            writer.setAutoCommit(false);
            try (Statement st = writer.createStatement()) {
                st.execute("INSERT INTO commerce.mart_changes VALUES (NULL)");
                st.execute("SELECT commerce.mart_refresh_begin('" + store.zone().getId() + "', 10000)");
                st.execute("SELECT commerce.mart_rebuild_write('" + store.zone().getId() + "')");
                st.execute("INSERT INTO commerce.mart_lines SELECT * FROM commerce.mart_lines LIMIT 1");
                st.execute("SELECT commerce.mart_rebuild_index()");
                assertThatThrownBy(() -> st.execute("SELECT commerce.mart_rebuild_swap('" + store.zone().getId() + "')"))
                        .hasMessageContaining("wrote into the live tables (commerce.mart_lines)");
            } finally {
                writer.rollback();
            }
        }
        assertThat(refresh()).isEqualTo("fresh");
    }

    /** Refreshes the changed persons, then checks every mart row against a rebuild from scratch. */
    private void assertRefreshedLikeARebuild() throws SQLException {
        assertThat(refresh()).isEqualTo("persons");
        List<String> incremental = contents();
        // the persons' all-time rows (kept by triggers on mart_orders) sum exactly the sales the mart holds
        assertThat(query("SELECT t::text FROM commerce.mart_persons t ORDER BY t::text")).isEqualTo(query(
                "SELECT t::text FROM (SELECT person, min(day) AS first_day, max(day) AS last_day, count(*)::integer AS orders,"
                        + " sum(revenue)::bigint AS cents FROM commerce.mart_orders GROUP BY person) t ORDER BY t::text"))
                .isNotEmpty();
        execute("INSERT INTO commerce.mart_changes VALUES (NULL)");
        assertThat(refresh()).isEqualTo("full");
        assertThat(incremental).isEqualTo(contents());
    }

    /** What a writer runs after its transaction: returns fresh, persons or full. */
    private String refresh() throws SQLException {
        return SalesMartRefresh.refresh(dataSource, store.zone(), Duration.ofMinutes(1)).kind().name()
                .toLowerCase(Locale.ROOT);
    }

    private List<String> contents() throws SQLException {
        List<String> rows = new ArrayList<>();
        for (String table : List.of("mart_customers", "mart_orders", "mart_order_categories", "mart_lines",
                "mart_pairs", "mart_persons")) {
            rows.addAll(query("SELECT '" + table + " ' || t::text FROM commerce." + table + " t ORDER BY t::text"));
        }
        return rows;
    }

    private List<String> query(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    /** One value read through the service's own read-only datasource, never waiting for a lock. */
    private String read(String sql) throws SQLException {
        try (Connection c = serviceDataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("SET lock_timeout = '1ms'");
            try {
                return call(st, sql);
            } finally {
                st.execute("RESET lock_timeout");
            }
        }
    }

    private static String call(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
