package io.ecomanalytics.analytics.repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.model.FinancialMetrics;
import io.ecomanalytics.analytics.model.Granularity;
import io.ecomanalytics.analytics.model.SalesFilter;

/** Revenue, cost, orders, items and customers of a period, in total or per calendar bucket. */
@ApplicationScoped
public class FinancialRepository {
    /** The aggregates behind {@link FinancialMetrics}, over the CTE {@code sales} aliased {@code s}. */
    private static final String METRICS = "count(s.order_id) AS orders, coalesce(sum(s.items), 0) AS items,"
            + " coalesce(sum(s.revenue), 0) AS revenue,"
            + " coalesce(sum(s.revenue) FILTER (WHERE s.cost IS NOT NULL), 0) AS known_revenue,"
            + " sum(s.cost) AS cost, count(DISTINCT s.customer_key) AS customers";

    private final SqlRunner sql;

    public FinancialRepository(SqlRunner sql) {
        this.sql = sql;
    }

    public FinancialMetrics totals(SalesFilter filter, ZoneId zone) {
        SalesScope scope = SalesScope.of(filter, zone);
        String query = "WITH " + scope.salesCte() + " SELECT " + METRICS + " FROM sales s";
        return sql.one(query, scope.params(), FinancialRepository::metrics);
    }

    /** One row per bucket from the bucket of {@code from} to that of {@code to}, empty buckets included. */
    public List<Bucket> buckets(SalesFilter filter, ZoneId zone, Granularity granularity) {
        SalesScope scope = SalesScope.of(filter, zone);
        String unit = "'" + granularity.unit() + "'"; // from the enum, never from the caller's text
        String query = "WITH " + scope.salesCte()
                + ", buckets AS (SELECT generate_series(date_trunc(" + unit + ", ?::timestamp),"
                + " date_trunc(" + unit + ", ?::timestamp), ('1 ' || " + unit + ")::interval) AS period)"
                + " SELECT b.period::date AS period, " + METRICS
                + " FROM buckets b LEFT JOIN sales s ON date_trunc(" + unit + ", s.local_at) = b.period"
                + " GROUP BY b.period ORDER BY b.period";
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
