package io.ecomanalytics.analytics.anomaly;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.analytics.repository.SalesScope;
import io.ecomanalytics.analytics.repository.SqlRunner;
import io.ecomanalytics.contracts.config.StoreSettings;

/** Builds the order rows in PostgreSQL, for a bounded training sample or streamed over a cursor for scoring. */
@ApplicationScoped
public class AnomalyRepository {
    /** Training customers are picked by a hash of their id (reproducible), in 2^20 buckets. */
    private static final int SAMPLE_BUCKETS = 1 << 20;

    private final SqlRunner db;
    private final StoreSettings store;
    private final AnomalyConfig config;

    public AnomalyRepository(SqlRunner db, StoreSettings store, AnomalyConfig config) {
        this.db = db;
        this.store = store;
        this.config = config;
    }

    /**
     * One order as PostgreSQL summarises it: revenue, units, the largest quantity of a line, the largest |unit price / product
     * median − 1| of a line, the customer's other orders within 24 h either side, account age in days, hour of day in the store
     * zone, the customer's state and freight's share of what the customer pays.
     */
    public record OrderRow(long orderId, long customerId, OffsetDateTime orderedAt, boolean simulatedFraud, double total,
            double units, double maxQuantity, double priceDeviation, double ordersWithin24h, double accountAgeDays, int hour,
            String state, double freightShare) {
    }

    /**
     * Each product's median unit price over all its items, as an array indexed by product id − {@code firstId}: computed once
     * per request and bound to both feature queries, so no query sorts the items by product for it and no temporary table is
     * needed (the analytics user may read a replica). Product ids come from one sequence, so the array is about as long as the
     * catalogue; a gap holds 0, which the queries read as "no median".
     */
    public record Medians(long firstId, double[] byProduct) {
    }

    public Medians medians() {
        String sql = "SELECT product_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY unit_price)"
                + " FROM commerce.order_items GROUP BY product_id ORDER BY product_id";
        List<Long> ids = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        // the planner reads the items in product order through the product index, all over the table: a scan and a sort take
        // half as long (1.0-1.2 s against 2.1-2.4 s over 1.6M items)
        db.stream(sql, List.of(), List.of("enable_indexscan = off"), config.fetchSize(), rs -> {
            ids.add(rs.getLong(1));
            values.add(rs.getDouble(2));
        });
        if (ids.isEmpty()) {
            return new Medians(0, new double[0]);
        }
        long first = ids.get(0);
        double[] byProduct = new double[Math.toIntExact(ids.get(ids.size() - 1) - first + 1)];
        for (int i = 0; i < ids.size(); i++) {
            byProduct[(int) (ids.get(i) - first)] = values.get(i);
        }
        return new Medians(first, byProduct);
    }

    /**
     * The orders of the range that have other orders of the same customer within 24 hours either side, with how many: few (1.5%
     * of the simulator's orders), so they are held here, sorted by order id, and the feature queries need no window over the
     * customers' orders. That window needs the orders in customer order and the item aggregate in order-id order, so one query
     * with both must hash or sort a million rows before its first row; apart, both stream.
     */
    public record Neighbours(long[] orderIds, int[] counts) {
        /** The customer's other orders within 24 h of this one. */
        public int of(long orderId) {
            int at = Arrays.binarySearch(orderIds, orderId);
            return at < 0 ? 0 : counts[at];
        }
    }

    /**
     * The filter's conditions on orders {@code o} and customers {@code c}: {@link SalesScope}'s, and with a category, that the
     * order holds an item of it (the order is still screened as a whole).
     */
    private String conditions(SalesFilter range, List<Object> params) {
        String where = SalesScope.conditions(range, store.zone(), params);
        if (range.category() == null) {
            return where;
        }
        params.add(range.category());
        return where + " AND EXISTS (SELECT 1 FROM commerce.order_items ci JOIN commerce.products cp ON cp.id = ci.product_id"
                + " WHERE ci.order_id = o.id AND cp.category = ?)";
    }

    /** The range's orders with 24-hour neighbours; the window sees only orders of the range. */
    public Neighbours neighbours(SalesFilter range) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT id, n FROM (SELECT o.id, count(*) OVER (PARTITION BY o.customer_id ORDER BY o.ordered_at"
                + " RANGE BETWEEN INTERVAL '24 hours' PRECEDING AND INTERVAL '24 hours' FOLLOWING) - 1 AS n"
                + " FROM commerce.orders o JOIN commerce.customers c ON c.id = o.customer_id WHERE "
                + conditions(range, params) + ") w WHERE n > 0 ORDER BY id";
        LongStream.Builder ids = LongStream.builder();
        IntStream.Builder counts = IntStream.builder();
        db.stream(sql, params, List.of(), config.fetchSize(), rs -> {
            ids.add(rs.getLong(1));
            counts.add(rs.getInt(2));
        });
        return new Neighbours(ids.build().toArray(), counts.build().toArray());
    }

    /** Orders in the range: sizes the training sample and tells whether there is anything to score. */
    public long count(SalesFilter range) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT count(*) FROM commerce.orders o JOIN commerce.customers c ON c.id = o.customer_id WHERE "
                + conditions(range, params);
        return db.one(sql, params, rs -> rs.getLong(1));
    }

    /**
     * About {@code size} orders of the range (at most that many), the same ones for the same data: every order of the customers
     * whose id hashes below a threshold (whole customers, as a store sees them), each row as scoring sees it.
     */
    public List<OrderRow> sample(SalesFilter range, Medians medians, Neighbours neighbours, int size, long ordersInRange) {
        long threshold = Math.min(SAMPLE_BUCKETS, (long) Math.ceil(1.1 * size * SAMPLE_BUCKETS / ordersInRange));
        List<OrderRow> rows = new ArrayList<>(size);
        query(range, medians, neighbours, "(hashint8(o.customer_id) & " + (SAMPLE_BUCKETS - 1) + ") < " + threshold,
                " LIMIT " + size, rows::add);
        return rows;
    }

    /** Every order of the range in id order, streamed with the configured fetch size so memory stays flat. */
    public void stream(SalesFilter range, Medians medians, Neighbours neighbours, Consumer<OrderRow> sink) {
        query(range, medians, neighbours, null, "", sink);
    }

    /**
     * The one feature query, in order-id order from its first row: the orders (through their primary key), each one's customer,
     * and the items aggregated per order in one pass over their primary key, each line's median looked up in the bound array,
     * merge-joined to them (first joined to the orders kept when the orders are restricted: a range, a sample). Over every
     * order, sorts are off: the planner would rather sort the orders after a hash join with the customers, which holds every
     * row back until the last is read. Over a restricted set, nested loops are off instead: the planner underestimates the
     * restricted item aggregate and joined it to the orders in a nested loop, comparing every order with every aggregate row
     * (an "all time" range over 17,000 orders took 7 s, and grew with the square of the orders; with sorts it takes 80 ms).
     * Parallel workers are off: the planner's parallel plans had every worker build the whole item aggregate again.
     */
    private void query(SalesFilter range, Medians medians, Neighbours neighbours, String sampleCondition, String tail,
            Consumer<OrderRow> sink) {
        ZoneId zone = store.zone();
        List<Object> conditionParams = new ArrayList<>();
        String where = conditions(range, conditionParams);
        if (sampleCondition != null) {
            where = where + " AND " + sampleCondition;
        }
        boolean restricted = !conditionParams.isEmpty() || sampleCondition != null;
        // in the order of the placeholders: the medians and their offset (PostgreSQL arrays start at 1), the conditions on the
        // items' orders when restricted, the conditions on the orders
        List<Object> params = new ArrayList<>();
        params.add(medians.byProduct());
        params.add(medians.firstId() - 1);
        if (restricted) {
            params.addAll(conditionParams);
        }
        params.addAll(conditionParams);
        String lines = "SELECT i.order_id, max(i.quantity) AS max_quantity,"
                + " max(abs(i.unit_price / nullif((?::float8[])[i.product_id - ?], 0) - 1)) AS price_deviation"
                + " FROM commerce.order_items i"
                + (restricted
                        ? " JOIN commerce.orders o ON o.id = i.order_id JOIN commerce.customers c ON c.id = o.customer_id"
                                + " WHERE " + where
                        : "")
                + " GROUP BY i.order_id";
        String sql = "SELECT o.id, o.customer_id, o.ordered_at, o.is_simulated_fraud, o.revenue::float8, o.item_count,"
                + " coalesce(l.max_quantity, 0), coalesce(l.price_deviation, 0),"
                + " coalesce(date_part('epoch', o.ordered_at - c.created_at) / 86400, 0), c.state,"
                + " coalesce(o.freight / nullif(o.revenue + o.freight, 0), 0)::float8"
                + " FROM commerce.orders o JOIN commerce.customers c ON c.id = o.customer_id"
                + " LEFT JOIN (" + lines + ") l ON l.order_id = o.id WHERE " + where + " ORDER BY o.id" + tail;
        db.stream(sql, params, List.of("max_parallel_workers_per_gather = 0",
                restricted ? "enable_nestloop = off" : "enable_sort = off"),
                config.fetchSize(), rs -> {
                    OffsetDateTime orderedAt = rs.getObject(3, OffsetDateTime.class);
                    long id = rs.getLong(1);
                    sink.accept(new OrderRow(id, rs.getLong(2), orderedAt, rs.getBoolean(4), rs.getDouble(5),
                            rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), neighbours.of(id), rs.getDouble(9),
                            orderedAt.atZoneSameInstant(zone).getHour(), rs.getString(10), rs.getDouble(11)));
                });
    }
}
