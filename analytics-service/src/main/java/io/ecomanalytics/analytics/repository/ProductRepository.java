package io.ecomanalytics.analytics.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.model.ProductLifecycle;
import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.analytics.model.TopProducts;

/** Product-level sales: rankings, monthly trajectories and pairs bought together. */
@ApplicationScoped
public class ProductRepository {
    /** Whitelisted rankings, by API name; profit puts products with unknown costs last. */
    public static final Map<String, String> RANKINGS = Map.of(
            "quantity", "quantity DESC",
            "revenue", "revenue DESC",
            "profit", "profit DESC NULLS LAST");

    private final SqlRunner sql;
    private final SalesMart mart;

    public ProductRepository(SqlRunner sql, SalesMart mart) {
        this.sql = sql;
        this.mart = mart;
    }

    public List<TopProducts.Product> top(SalesFilter filter, String by, int limit) {
        String order = RANKINGS.get(by);
        if (order == null) {
            throw new IllegalArgumentException("ranking not whitelisted: " + by);
        }
        mart.requireBuilt();
        MartScope scope = MartScope.of(filter);
        // a mart line is one product of one order: its orders are its lines
        String query = "WITH agg AS (SELECT m.product_id, sum(m.quantity) AS quantity, " + MartScope.money("sum(m.revenue)")
                + " AS revenue, CASE WHEN bool_and(m.cost IS NOT NULL) THEN " + MartScope.money("sum(m.revenue - m.cost)")
                + " END AS profit, count(*) AS orders" + scope.fromLines() + " GROUP BY m.product_id)"
                + " SELECT a.*, p.external_id, p.name, p.category FROM agg a"
                + " JOIN commerce.products p ON p.id = a.product_id ORDER BY " + order + ", a.product_id LIMIT ?";
        scope.bind(limit);
        return sql.list(query, scope.params(), rs -> new TopProducts.Product(rs.getLong("product_id"),
                rs.getString("external_id"), rs.getString("name"), rs.getString("category"), rs.getLong("quantity"),
                rs.getBigDecimal("revenue"), rs.getBigDecimal("profit"), rs.getLong("orders")));
    }

    /** Raw pair counts; {@code orders} is N, the number of orders in scope. */
    public record PairCount(long productA, String nameA, long productB, String nameB, long together, long withA,
            long withB, long orders) {
    }

    /**
     * Pairs (a &lt; b) bought in the same order at least {@code minSupport}·N and {@code minOrders} times, the {@code limit}
     * most frequent first, or with {@code byLift} the {@code limit} of highest lift (ties by count, then ids).
     */
    public List<PairCount> pairs(SalesFilter filter, BigDecimal minSupport, long minOrders, boolean byLift, int limit) {
        mart.requireBuilt();
        MartScope scope = MartScope.of(filter);
        if (byLift) {
            return pairsByLift(scope, minSupport, minOrders, limit);
        }
        // The pairs of each order are rows of the mart, counted in (a, b) order along the mart's pair index (the inner ORDER
        // BY asks for that order, which spares a hash table of every pair; OFFSET 0 keeps the support bound outside, where
        // it does not hide from the planner how many pairs there are); then the few top pairs meet their products. A count
        // reaches minSupport·N when it reaches its ceiling: one bigint bound for every pair, not a numeric product per pair.
        String total = "WITH total AS (" + ordersWithItems(scope) + ")";
        String pairs = ", pairs AS (SELECT * FROM (SELECT m.product_a AS a, m.product_b AS b, count(*) AS c"
                + scope.fromPairs() + " GROUP BY 1, 2 ORDER BY 1, 2 OFFSET 0) counted"
                + " WHERE c >= greatest((SELECT ceil(? * n)::bigint FROM total), ?) ORDER BY c DESC, a, b LIMIT ?)";
        scope.bind(minSupport).bind(minOrders).bind(limit);
        // each top pair's product counts its own orders, along the mart's product index
        String query = total + pairs + ", singles AS (SELECT x.product_id, (SELECT count(*)" + scope.fromLines()
                + " AND m.product_id = x.product_id) AS c FROM (SELECT a AS product_id FROM pairs UNION SELECT b FROM pairs) x)"
                + " SELECT pairs.a, pa.name AS name_a, pairs.b, pb.name AS name_b, pairs.c, sa.c AS ca, sb.c AS cb,"
                + " total.n FROM pairs CROSS JOIN total"
                + " JOIN singles sa ON sa.product_id = pairs.a JOIN singles sb ON sb.product_id = pairs.b"
                + " JOIN commerce.products pa ON pa.id = pairs.a JOIN commerce.products pb ON pb.id = pairs.b"
                + " ORDER BY pairs.c DESC, pairs.a, pairs.b";
        return sql.list(query, scope.params(), rs -> new PairCount(rs.getLong("a"), rs.getString("name_a"),
                rs.getLong("b"), rs.getString("name_b"), rs.getLong("c"), rs.getLong("ca"), rs.getLong("cb"),
                rs.getLong("n")));
    }

    /**
     * The pairs of highest lift: every pair's count meets both products' counts (lift = c·N / (c_a·c_b), N the same for all, so
     * the order is c / (c_a·c_b)), so every product in scope is counted, not only those of the top pairs.
     */
    private List<PairCount> pairsByLift(MartScope scope, BigDecimal minSupport, long minOrders, int limit) {
        String query = "WITH total AS (" + ordersWithItems(scope) + ")"
                + ", counted AS (SELECT m.product_a AS a, m.product_b AS b, count(*) AS c" + scope.fromPairs()
                + " GROUP BY 1, 2)"
                + ", singles AS (SELECT m.product_id, count(*) AS c" + scope.fromLines() + " GROUP BY m.product_id)"
                + ", pairs AS (SELECT p.a, p.b, p.c, sa.c AS ca, sb.c AS cb FROM counted p"
                + " JOIN singles sa ON sa.product_id = p.a JOIN singles sb ON sb.product_id = p.b"
                + " WHERE p.c >= greatest((SELECT ceil(? * n)::bigint FROM total), ?)"
                + " ORDER BY p.c::float8 / (sa.c::float8 * sb.c) DESC, p.c DESC, p.a, p.b LIMIT ?)"
                + " SELECT pairs.a, pa.name AS name_a, pairs.b, pb.name AS name_b, pairs.c, pairs.ca, pairs.cb, total.n"
                + " FROM pairs CROSS JOIN total JOIN commerce.products pa ON pa.id = pairs.a"
                + " JOIN commerce.products pb ON pb.id = pairs.b"
                + " ORDER BY pairs.c::float8 / (pairs.ca::float8 * pairs.cb) DESC, pairs.c DESC, pairs.a, pairs.b";
        scope.bind(minSupport).bind(minOrders).bind(limit);
        return sql.list(query, scope.params(), rs -> new PairCount(rs.getLong("a"), rs.getString("name_a"),
                rs.getLong("b"), rs.getString("name_b"), rs.getLong("c"), rs.getLong("ca"), rs.getLong("cb"),
                rs.getLong("n")));
    }

    /** Orders in scope (N), for an answer without pairs. */
    public long orders(SalesFilter filter) {
        mart.requireBuilt();
        MartScope scope = MartScope.of(filter);
        return sql.one(ordersWithItems(scope), scope.params(), rs -> rs.getLong(1));
    }

    /** {@code n}: the sales in scope with items in scope (N, the baskets' count). */
    private static String ordersWithItems(MartScope scope) {
        return "SELECT count(*) AS n" + scope.fromOrders() + " AND m.items > 0";
    }

    /**
     * Per product sold in range: its first and last sale day (over all sales up to {@code to}), its quantity in range, in the
     * recent window [{@code recentStart}, {@code to}] and in the previous window [{@code previousStart}, {@code recentStart});
     * and the store's units (every product in scope) in the two windows.
     */
    /** Units sold by each product in the weeks ending on the filter's {@code to}: week 0 the 7 days ending on it. */
    public record WeeklyUnits(long productId, int week, long quantity) {
    }

    public List<WeeklyUnits> weeklyUnits(SalesFilter filter) {
        mart.requireBuilt();
        MartScope scope = MartScope.upTo(filter).bind(filter.to());
        String query = "SELECT m.product_id, (?::date - m.day) / 7 AS week, sum(m.quantity) AS quantity" + scope.fromLines()
                + " GROUP BY 1, 2";
        return sql.list(query, scope.params(),
                rs -> new WeeklyUnits(rs.getLong("product_id"), rs.getInt("week"), rs.getLong("quantity")));
    }

    /** The units of every product in scope on a day. */
    public record DayUnits(LocalDate day, long quantity) {
    }

    /** The store's units on each day that had sales in scope, up to the filter's {@code to}, in day order. */
    public List<DayUnits> storeUnitsByDay(SalesFilter filter) {
        mart.requireBuilt();
        MartScope scope = MartScope.upTo(filter);
        String query = "SELECT m.day, sum(m.quantity) AS quantity" + scope.fromLines() + " GROUP BY m.day ORDER BY m.day";
        return sql.list(query, scope.params(),
                rs -> new DayUnits(rs.getObject("day", LocalDate.class), rs.getLong("quantity")));
    }

    public List<ProductLifecycle.Product> trajectories(SalesFilter filter, LocalDate recentStart,
            LocalDate previousStart) {
        mart.requireBuilt();
        // one pass, one group per product; the store's units are the sums over every product's group
        MartScope scope = MartScope.upTo(filter).bind(filter.from()).bind(recentStart).bind(previousStart).bind(recentStart);
        String query = "WITH traj AS (SELECT m.product_id, min(m.day) AS first_day, max(m.day) AS last_day,"
                + " coalesce(sum(m.quantity) FILTER (WHERE m.day >= ?::date), 0) AS quantity,"
                + " coalesce(sum(m.quantity) FILTER (WHERE m.day >= ?::date), 0) AS recent,"
                + " coalesce(sum(m.quantity) FILTER (WHERE m.day >= ?::date AND m.day < ?::date), 0) AS previous"
                + scope.fromLines() + " GROUP BY m.product_id)"
                + ", store AS (SELECT coalesce(sum(recent), 0) AS store_recent, coalesce(sum(previous), 0) AS store_previous"
                + " FROM traj)"
                + " SELECT t.*, s.store_recent, s.store_previous, p.external_id, p.name, p.lifecycle_stage FROM traj t"
                + " CROSS JOIN store s JOIN commerce.products p ON p.id = t.product_id WHERE t.quantity > 0"
                + " ORDER BY t.quantity DESC, t.product_id";
        return sql.list(query, scope.params(), rs -> new ProductLifecycle.Product(rs.getLong("product_id"),
                rs.getString("external_id"), rs.getString("name"), rs.getObject("first_day", LocalDate.class),
                rs.getObject("last_day", LocalDate.class), rs.getLong("quantity"), rs.getLong("recent"),
                rs.getLong("previous"), rs.getLong("store_recent"), rs.getLong("store_previous"), null,
                rs.getString("lifecycle_stage")));
    }
}
