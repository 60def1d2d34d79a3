package io.ecomanalytics.analytics.repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.model.FinancialMetrics;
import io.ecomanalytics.analytics.model.Granularity;
import io.ecomanalytics.analytics.model.SalesFilter;

/** Revenue, cost, orders, items and customers of a period, in total or per calendar bucket, from the sales mart. */
@ApplicationScoped
public class FinancialRepository {
    private final SqlRunner sql;
    private final SalesMart mart;

    public FinancialRepository(SqlRunner sql, SalesMart mart) {
        this.sql = sql;
        this.mart = mart;
    }

    /**
     * The aggregates behind {@link FinancialMetrics} over mart rows {@code m}; a person counts once, on their first sale on or
     * after {@code since} (an SQL date expression).
     */
    private static String metrics(MartScope scope, String since) {
        return "count(*) AS orders, coalesce(sum(m.items), 0) AS items,"
                + " " + MartScope.money("coalesce(sum(m.revenue), 0)") + " AS revenue,"
                + " " + MartScope.money("coalesce(sum(m.revenue) FILTER (WHERE m.cost IS NOT NULL), 0)") + " AS known_revenue,"
                + " " + MartScope.money("sum(m.cost)") + " AS cost,"
                + " count(*) FILTER (WHERE " + MartScope.firstSince(scope.partition(false, false), since) + ") AS customers";
    }

    public FinancialMetrics totals(SalesFilter filter) {
        mart.requireBuilt();
        MartScope scope = MartScope.of(filter).bind(filter.from());
        String query = "SELECT " + metrics(scope, "?::date") + scope.fromOrders();
        return sql.one(query, scope.params(), FinancialRepository::metrics);
    }

    /** One row per bucket from the bucket of {@code from} to that of {@code to}, empty buckets included. */
    public List<Bucket> buckets(SalesFilter filter, Granularity granularity) {
        mart.requireBuilt();
        MartScope scope = MartScope.of(filter);
        String unit = "'" + granularity.unit() + "'"; // from the enum, never from the caller's text
        String bucket = "m." + granularity.unit(); // the mart's day, week and month columns
        // a bucket's customers start counting at the bucket's start, or at from in the first one
        scope.bind(filter.from());
        String query = "WITH totals AS (SELECT " + bucket + " AS period, " + metrics(scope, "greatest(" + bucket + ", ?::date)")
                + scope.fromOrders() + " GROUP BY 1)"
                + ", buckets AS (SELECT generate_series(date_trunc(" + unit + ", ?::timestamp),"
                + " date_trunc(" + unit + ", ?::timestamp), ('1 ' || " + unit + ")::interval)::date AS period)"
                + " SELECT b.period, coalesce(t.orders, 0) AS orders, coalesce(t.items, 0) AS items,"
                + " coalesce(t.revenue, 0) AS revenue, coalesce(t.known_revenue, 0) AS known_revenue, t.cost,"
                + " coalesce(t.customers, 0) AS customers"
                + " FROM buckets b LEFT JOIN totals t ON t.period = b.period ORDER BY b.period";
        scope.bind(filter.from()).bind(filter.to());
        return sql.list(query, scope.params(),
                rs -> new Bucket(rs.getObject("period", LocalDate.class), metrics(rs)));
    }

    /** Totals of the bucket starting on {@code period}. */
    public record Bucket(LocalDate period, FinancialMetrics metrics) {
    }

    private static FinancialMetrics metrics(ResultSet rs) throws SQLException {
        return FinancialMetrics.of(rs.getLong("orders"), rs.getLong("items"), rs.getBigDecimal("revenue"),
                rs.getBigDecimal("known_revenue"), rs.getBigDecimal("cost"), rs.getLong("customers"));
    }
}
