package io.ecomanalytics.analytics.anomaly;

import java.time.OffsetDateTime;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
     * Each customer's state and account opening (epoch seconds, NaN without one), as arrays indexed by customer id −
     * {@code firstId}: read once per request in one scan, so the feature query needs no join with the customers. That join had
     * to look up each order's customer by index in order-id order (a hash join gives up the order the merge with the items
     * needs): 1.6 of the query's 3.7 s over 1.13M orders. Customer ids come from one sequence, so the arrays are about as long
     * as the customers table (16 bytes a customer).
     */
    public record Customers(long firstId, String[] states, double[] openedAt) {
        /**
         * The last customer read: the feature query leaves out the orders of customers opened after (during the request), whose
         * state and opening it could not look up.
         */
        long lastId() {
            return firstId + states.length - 1;
        }

        String state(long customerId) {
            return states[(int) (customerId - firstId)];
        }

        /** Days from the account's opening to {@code epochSecond}; 0 without an account date, as the query gave. */
        double accountAgeDays(long customerId, double epochSecond) {
            double opened = openedAt[(int) (customerId - firstId)];
            return Double.isNaN(opened) ? 0 : (epochSecond - opened) / 86400;
        }
    }

    public Customers customers() {
        long[] bounds = db.one("SELECT coalesce(min(id), 0), coalesce(max(id), -1) FROM commerce.customers", List.of(),
                rs -> new long[]{rs.getLong(1), rs.getLong(2)});
        int size = Math.toIntExact(bounds[1] - bounds[0] + 1);
        String[] states = new String[size];
        double[] openedAt = new double[size];
        Arrays.fill(openedAt, Double.NaN);
        Map<String, String> distinct = new HashMap<>();
        db.stream("SELECT id, state, date_part('epoch', created_at) FROM commerce.customers WHERE id <= ?",
                List.of(bounds[1]), List.of(), config.fetchSize(), rs -> {
                    int at = (int) (rs.getLong(1) - bounds[0]);
                    String state = rs.getString(2);
                    states[at] = state == null ? null : distinct.computeIfAbsent(state, s -> s);
                    double opened = rs.getDouble(3);
                    openedAt[at] = rs.wasNull() ? Double.NaN : opened;
                });
        return new Customers(bounds[0], states, openedAt);
    }

    /** What the feature query looks up in memory for each row. */
    public record Lookups(Medians medians, Neighbours neighbours, Customers customers) {
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
    public List<OrderRow> sample(SalesFilter range, Lookups lookups, int size, long ordersInRange) {
        long threshold = Math.min(SAMPLE_BUCKETS, (long) Math.ceil(1.1 * size * SAMPLE_BUCKETS / ordersInRange));
        List<OrderRow> rows = new ArrayList<>(size);
        query(range, lookups, "(hashint8(o.customer_id) & " + (SAMPLE_BUCKETS - 1) + ") < " + threshold, " LIMIT " + size,
                rows::add);
        return rows;
    }

    /** Every order of the range in id order, streamed with the configured fetch size so memory stays flat. */
    public void stream(SalesFilter range, Lookups lookups, Consumer<OrderRow> sink) {
        query(range, lookups, null, "", sink);
    }

    /**
     * The one feature query, in order-id order from its first row: the orders (through their primary key) and the items
     * aggregated per order in one pass over their primary key, each line's median looked up in the bound array, merge-joined to
     * them (the customers are joined only when the filter names a state or region; each row's customer is looked up in
     * {@link Customers}) (first joined to the orders kept when the orders are restricted: a range, a sample). Over every order,
     * sorts are off: the planner would rather sort the orders after a hash join with the customers, which holds every row back
     * until the last is read. Over a restricted set, nested loops are off instead: the planner underestimates the restricted
     * item aggregate and joined it to the orders in a nested loop, comparing every order with every aggregate row (an "all
     * time" range over 17,000 orders took 7 s, and grew with the square of the orders; with sorts it takes 80 ms). Parallel
     * workers are off: the planner's parallel plans had every worker build the whole item aggregate again.
     */
    private void query(SalesFilter range, Lookups lookups, String sampleCondition, String tail, Consumer<OrderRow> sink) {
        ZoneRules zone = store.zone().getRules();
        Medians medians = lookups.medians();
        Neighbours neighbours = lookups.neighbours();
        Customers customers = lookups.customers();
        List<Object> conditionParams = new ArrayList<>();
        String where = conditions(range, conditionParams);
        if (sampleCondition != null) {
            where = where + " AND " + sampleCondition;
        }
        boolean restricted = !conditionParams.isEmpty() || sampleCondition != null;
        // in the order of the placeholders: the medians and their offset (PostgreSQL arrays start at 1), the conditions on the
        // items' orders when restricted, the conditions on the orders, the last customer looked up
        List<Object> params = new ArrayList<>();
        params.add(medians.byProduct());
        params.add(medians.firstId() - 1);
        if (restricted) {
            params.addAll(conditionParams);
        }
        params.addAll(conditionParams);
        params.add(customers.lastId());
        String orders = range.state() != null || range.region() != null
                ? "commerce.orders o JOIN commerce.customers c ON c.id = o.customer_id"
                : "commerce.orders o";
        String lines = "SELECT i.order_id, max(i.quantity) AS max_quantity,"
                + " max(abs(i.unit_price / nullif((?::float8[])[i.product_id - ?], 0) - 1)) AS price_deviation"
                + " FROM commerce.order_items i"
                + (restricted ? " JOIN " + orders + " ON o.id = i.order_id WHERE " + where : "")
                + " GROUP BY i.order_id";
        String sql = "SELECT o.id, o.customer_id, o.ordered_at, o.is_simulated_fraud, o.revenue::float8, o.item_count,"
                + " coalesce(l.max_quantity, 0), coalesce(l.price_deviation, 0), o.freight::float8"
                + " FROM " + orders + " LEFT JOIN (" + lines + ") l ON l.order_id = o.id WHERE " + where
                + " AND o.customer_id <= ? ORDER BY o.id" + tail;
        db.stream(sql, params, List.of("max_parallel_workers_per_gather = 0",
                restricted ? "enable_nestloop = off" : "enable_sort = off"),
                config.fetchSize(), rs -> {
                    long id = rs.getLong(1);
                    long customer = rs.getLong(2);
                    OffsetDateTime orderedAt = rs.getObject(3, OffsetDateTime.class);
                    long epochSecond = orderedAt.toEpochSecond();
                    double revenue = rs.getDouble(5);
                    double freight = rs.getDouble(9);
                    int localSecond = Math.floorMod(
                            epochSecond + zone.getOffset(orderedAt.toInstant()).getTotalSeconds(), 86_400);
                    sink.accept(new OrderRow(id, customer, orderedAt, rs.getBoolean(4), revenue, rs.getDouble(6),
                            rs.getDouble(7), rs.getDouble(8), neighbours.of(id),
                            customers.accountAgeDays(customer, epochSecond + orderedAt.getNano() / 1e9),
                            localSecond / 3600, customers.state(customer),
                            revenue + freight == 0 ? 0 : freight / (revenue + freight)));
                });
    }
}
