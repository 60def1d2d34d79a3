package io.ecomanalytics.simulator.imports.quality;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.contracts.config.StoreSettings;
import io.ecomanalytics.contracts.geo.BrazilianState;
import io.ecomanalytics.simulator.imports.quality.DataQualityReport.Check;
import io.ecomanalytics.simulator.imports.quality.DataQualityReport.Completeness;
import io.ecomanalytics.simulator.imports.quality.DataQualityReport.Coverage;
import io.ecomanalytics.simulator.imports.quality.DataQualityReport.Distribution;
import io.ecomanalytics.simulator.imports.quality.DataQualityReport.OrdersLacking;

/**
 * Profiles schema {@code commerce} in SQL, inside one read-only repeatable-read transaction so every figure describes the same
 * snapshot.
 */
@ApplicationScoped
public class DataQualityService {
    static final List<String> TABLES = List.of("customers", "products", "sellers", "orders", "order_items", "payments",
            "reviews");
    /** The money and quantity columns whose distribution is reported, as table.column. */
    static final List<String[]> MEASURES = List.of(new String[]{"orders", "revenue"}, new String[]{"orders", "freight"},
            new String[]{"orders", "item_count"}, new String[]{"order_items", "quantity"},
            new String[]{"order_items", "unit_price"}, new String[]{"order_items", "freight"},
            new String[]{"payments", "amount"}, new String[]{"payments", "installments"},
            new String[]{"reviews", "score"});
    /** Orders listed by id in the report; all of them are counted. */
    static final int LISTED_ORDERS = 1000;

    private static final String WITHOUT_ITEMS = "NOT EXISTS (SELECT 1 FROM commerce.order_items i WHERE i.order_id = o.id)";
    private static final String WITHOUT_PAYMENTS = "NOT EXISTS (SELECT 1 FROM commerce.payments p WHERE p.order_id = o.id)";

    private final DataSource dataSource;
    private final StoreSettings store;

    public DataQualityService(DataSource dataSource, StoreSettings store) {
        this.dataSource = dataSource;
        this.store = store;
    }

    public DataQualityReport report() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                Map<String, Long> rows = new LinkedHashMap<>();
                List<Completeness> completeness = new ArrayList<>();
                for (String table : TABLES) {
                    completeness.addAll(completeness(c, table));
                    rows.put(table, completeness.get(completeness.size() - 1).rows());
                }
                List<Distribution> distributions = new ArrayList<>();
                for (String[] m : MEASURES) {
                    distributions.add(distribution(c, m[0], m[1]));
                }
                return new DataQualityReport(OffsetDateTime.now(store.zone()), rows, completeness, distributions,
                        integrity(c), duplicates(c), coverage(c), lacking(c, WITHOUT_ITEMS),
                        lacking(c, WITHOUT_PAYMENTS));
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot profile the data: " + e.getMessage(), e);
        }
    }

    private static List<Completeness> completeness(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = 'commerce' AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        // Column names come from the catalog of a whitelisted table, quoted as identifiers.
        StringBuilder sql = new StringBuilder("SELECT count(*)");
        columns.forEach(col -> sql.append(", count(\"").append(col.replace("\"", "\"\"")).append("\")"));
        sql.append(" FROM commerce.").append(table);
        List<Completeness> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString()); ResultSet rs = ps.executeQuery()) {
            rs.next();
            long total = rs.getLong(1);
            for (int i = 0; i < columns.size(); i++) {
                long nonNull = rs.getLong(i + 2);
                result.add(new Completeness(table, columns.get(i), total, nonNull,
                        total == 0 ? 1.0 : (double) nonNull / total));
            }
        }
        return result;
    }

    private static Distribution distribution(Connection c, String table, String column) throws SQLException {
        String sql = "SELECT count(x), min(x), max(x), avg(x)::float8,"
                + " percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY x)"
                + " FROM (SELECT " + column + "::numeric AS x FROM commerce." + table + ") t";
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            Array q = rs.getArray(5);
            Double[] quartiles = q == null
                    ? new Double[3]
                    : Arrays.stream((Object[]) q.getArray())
                            .map(v -> v == null ? null : ((Number) v).doubleValue()).toArray(Double[]::new);
            double mean = rs.getDouble(4);
            return new Distribution(table, column, rs.getLong(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                    rs.wasNull() ? null : mean, quartiles[0], quartiles[1], quartiles[2]);
        }
    }

    private static List<Check> integrity(Connection c) throws SQLException {
        String[] ufs = Arrays.stream(BrazilianState.values()).map(BrazilianState::uf).toArray(String[]::new);
        List<Check> checks = new ArrayList<>();
        checks.add(orphans(c, "orders-without-customer", "orders", "customer_id", "customers"));
        checks.add(orphans(c, "items-without-order", "order_items", "order_id", "orders"));
        checks.add(orphans(c, "items-without-product", "order_items", "product_id", "products"));
        checks.add(orphans(c, "items-without-seller", "order_items", "seller_id", "sellers"));
        checks.add(orphans(c, "payments-without-order", "payments", "order_id", "orders"));
        checks.add(orphans(c, "reviews-without-order", "reviews", "order_id", "orders"));
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM commerce.customers WHERE state IS NOT NULL AND NOT (state = ANY(?))")) {
            ps.setArray(1, c.createArrayOf("text", ufs));
            checks.add(new Check("customers-unknown-state", "customers whose state is not a Brazilian UF", count(ps)));
        }
        checks.add(check(c, "orders-totals-differ-from-items",
                "orders whose item_count or revenue differs from the sum of their items",
                "SELECT count(*) FROM commerce.orders o JOIN (SELECT order_id, sum(quantity) AS n,"
                        + " sum(quantity * unit_price) AS revenue FROM commerce.order_items GROUP BY order_id) i"
                        + " ON i.order_id = o.id WHERE o.item_count <> i.n OR o.revenue <> i.revenue"));
        checks.add(check(c, "payments-differ-from-order-total",
                "orders whose payments differ from revenue + freight by more than a cent (vouchers, interest)",
                "SELECT count(*) FROM commerce.orders o JOIN (SELECT order_id, sum(amount) AS paid FROM commerce.payments"
                        + " GROUP BY order_id) p ON p.order_id = o.id WHERE abs(p.paid - (o.revenue + o.freight)) > 0.01"));
        checks.add(check(c, "delivered-before-ordered", "orders delivered before they were placed",
                "SELECT count(*) FROM commerce.orders WHERE delivered_at < ordered_at"));
        return checks;
    }

    private static List<Check> duplicates(Connection c) throws SQLException {
        return List.of(
                check(c, "customer-rows-per-person",
                        "customer rows beyond the first of the same person (unique_external_id): Olist gives a customer"
                                + " id per order",
                        "SELECT count(unique_external_id) - count(DISTINCT unique_external_id) FROM commerce.customers"),
                check(c, "reviews-same-id", "review rows sharing a review id beyond the first",
                        "SELECT count(external_id) - count(DISTINCT external_id) FROM commerce.reviews"),
                check(c, "items-repeated-in-order",
                        "item lines repeating an earlier line of the same order (same product, seller and price)",
                        "SELECT count(*) - count(DISTINCT (order_id, product_id, seller_id, unit_price))"
                                + " FROM commerce.order_items"));
    }

    private Coverage coverage(Connection c) throws SQLException {
        OffsetDateTime first;
        OffsetDateTime last;
        try (PreparedStatement ps = c.prepareStatement("SELECT min(ordered_at), max(ordered_at) FROM commerce.orders");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            first = rs.getObject(1, OffsetDateTime.class);
            last = rs.getObject(2, OffsetDateTime.class);
        }
        TreeMap<String, Long> perMonth = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT to_char(ordered_at AT TIME ZONE ?, 'YYYY-MM'), count(*)"
                + " FROM commerce.orders GROUP BY 1 ORDER BY 1")) {
            ps.setString(1, store.zone().getId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    perMonth.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        List<String> gaps = new ArrayList<>();
        if (!perMonth.isEmpty()) {
            YearMonth end = YearMonth.parse(perMonth.lastKey());
            for (YearMonth m = YearMonth.parse(perMonth.firstKey()); !m.isAfter(end); m = m
                    .plusMonths(1)) {
                if (!perMonth.containsKey(m.toString())) {
                    gaps.add(m.toString());
                }
            }
        }
        return new Coverage(first == null ? null : first.atZoneSameInstant(store.zone()).toOffsetDateTime(),
                last == null ? null : last.atZoneSameInstant(store.zone()).toOffsetDateTime(), perMonth.size(), gaps,
                perMonth);
    }

    private static OrdersLacking lacking(Connection c, String condition) throws SQLException {
        Map<String, Long> byStatus = new TreeMap<>();
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT status, count(*) FROM commerce.orders o WHERE " + condition + " GROUP BY status");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byStatus.put(rs.getString(1), rs.getLong(2));
                total += rs.getLong(2);
            }
        }
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT external_id FROM commerce.orders o WHERE " + condition
                + " ORDER BY external_id LIMIT " + LISTED_ORDERS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return new OrdersLacking(total, byStatus, ids);
    }

    /** Rows of {@code child} whose non-null {@code column} names no row of {@code parent} (all three are constants). */
    private static Check orphans(Connection c, String name, String child, String column, String parent)
            throws SQLException {
        return check(c, name, child + " whose " + column + " names no row of " + parent,
                "SELECT count(*) FROM commerce." + child + " x WHERE x." + column + " IS NOT NULL AND NOT EXISTS"
                        + " (SELECT 1 FROM commerce." + parent + " p WHERE p.id = x." + column + ")");
    }

    private static Check check(Connection c, String name, String description, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            return new Check(name, description, count(ps));
        }
    }

    private static long count(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
