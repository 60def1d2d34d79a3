package io.ecomanalytics.analytics.anomaly;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.forecast.SalesFilter;
import io.ecomanalytics.contracts.config.StoreSettings;

/** Builds the order features in PostgreSQL, for a bounded training sample or streamed over a cursor for scoring. */
@ApplicationScoped
public class AnomalyRepository {
    /** Training rows are picked by a hash of the order id (reproducible), in 2^20 buckets. */
    private static final int SAMPLE_BUCKETS = 1 << 20;

    private final DataSource dataSource;
    private final StoreSettings store;
    private final AnomalyConfig config;

    public AnomalyRepository(DataSource dataSource, StoreSettings store, AnomalyConfig config) {
        this.dataSource = dataSource;
        this.store = store;
        this.config = config;
    }

    /** Orders in the range: sizes the training sample and tells whether there is anything to score. */
    public long count(SalesFilter range) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT count(*) FROM commerce.orders o WHERE " + range.conditions(store.zone().getId(), params);
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = prepare(c, sql, params);
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count orders", e);
        }
    }

    /** About {@code size} orders of the range (at most that many), the same ones for the same data. */
    public List<OrderFeatures> sample(SalesFilter range, int size, long ordersInRange) {
        long threshold = Math.min(SAMPLE_BUCKETS, (long) Math.ceil(1.1 * size * SAMPLE_BUCKETS / ordersInRange));
        List<OrderFeatures> rows = new ArrayList<>(size);
        query(range, " WHERE (hashint8(f.id) & " + (SAMPLE_BUCKETS - 1) + ") < " + threshold + " ORDER BY f.id LIMIT " + size,
                rows::add);
        return rows;
    }

    /** Every order of the range, streamed with the configured fetch size so memory stays flat. */
    public void stream(SalesFilter range, Consumer<OrderFeatures> sink) {
        query(range, "", sink);
    }

    private void query(SalesFilter range, String tail, Consumer<OrderFeatures> sink) {
        String zone = store.zone().getId();
        List<Object> params = new ArrayList<>();
        String linesWhere = range.conditions(zone, params);
        params.add(zone);
        String where = range.conditions(zone, params);
        // the 24 h window only sees orders of the range: a customer's orders just before `from` are not counted. No CTE
        // is read twice, so none is materialised and the planner can join and aggregate in parallel.
        String sql = """
                SELECT * FROM (
                    WITH medians AS (
                        SELECT product_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY unit_price) AS median_price
                        FROM commerce.order_items GROUP BY product_id),
                    state_share AS (
                        SELECT c.state, count(*)::float8 / sum(count(*)) OVER () AS share
                        FROM commerce.orders o JOIN commerce.customers c ON c.id = o.customer_id GROUP BY c.state),
                    lines AS (
                        SELECT i.order_id, max(i.quantity) AS max_quantity,
                            max(abs(i.unit_price / nullif(m.median_price, 0) - 1)) AS price_deviation
                        FROM commerce.order_items i JOIN medians m ON m.product_id = i.product_id
                        JOIN commerce.orders o ON o.id = i.order_id WHERE %s GROUP BY i.order_id)
                    SELECT o.id, o.customer_id, o.ordered_at, o.is_simulated_fraud, o.revenue::float8 AS total,
                        o.item_count, coalesce(l.max_quantity, 0) AS max_quantity,
                        coalesce(l.price_deviation, 0) AS price_deviation,
                        count(*) OVER (PARTITION BY o.customer_id ORDER BY o.ordered_at
                            RANGE BETWEEN INTERVAL '24 hours' PRECEDING AND CURRENT ROW) - 1 AS previous_24h,
                        extract(epoch FROM o.ordered_at - c.created_at) / 86400 AS account_age_days,
                        extract(hour FROM o.ordered_at AT TIME ZONE ?) AS hour,
                        -ln(coalesce(ss.share, 1)) AS state_rarity,
                        coalesce(o.freight / nullif(o.revenue + o.freight, 0), 0) AS freight_share
                    FROM commerce.orders o JOIN commerce.customers c ON c.id = o.customer_id
                    LEFT JOIN lines l ON l.order_id = o.id LEFT JOIN state_share ss ON ss.state = c.state
                    WHERE %s) f""".formatted(linesWhere, where) + tail;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // pgjdbc only streams with a cursor inside a transaction
            try (PreparedStatement st = prepare(c, sql, params)) {
                st.setFetchSize(config.fetchSize());
                try (ResultSet rs = st.executeQuery()) {
                    int features = OrderFeatures.NAMES.size();
                    while (rs.next()) {
                        double[] values = new double[features];
                        for (int f = 0; f < features; f++) {
                            values[f] = rs.getDouble(5 + f);
                        }
                        sink.accept(new OrderFeatures(rs.getLong(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class),
                                rs.getBoolean(4), values));
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read order features", e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            st.setObject(i + 1, params.get(i));
        }
        return st;
    }
}
