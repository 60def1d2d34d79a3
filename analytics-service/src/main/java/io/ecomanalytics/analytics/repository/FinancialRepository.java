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
            + " sum(s.cost) AS cost, count(DISTINCT s.person) AS customers";

    private final SqlRunner sql;
    private final PersonKeys persons;

    public FinancialRepository(SqlRunner sql, PersonKeys persons) {
        this.sql = sql;
        this.persons = persons;
    }

    public FinancialMetrics totals(SalesFilter filter, ZoneId zone) {
        SalesScope scope = SalesScope.of(filter, zone, persons.kind());
        String query = "WITH " + scope.salesCte() + " SELECT " + METRICS + " FROM sales s";
        return sql.one(query, scope.params(), FinancialRepository::metrics);
    }

    /** One row per bucket from the bucket of {@code from} to that of {@code to}, empty buckets included. */
    public List<Bucket> buckets(SalesFilter filter, ZoneId zone, Granularity granularity) {
        SalesScope scope = SalesScope.of(filter, zone, persons.kind());
        String unit = "'" + granularity.unit() + "'"; // from the enum, never from the caller's text
        // aggregate the sales per bucket first, then lay the buckets over the calendar: the join sees one row per bucket
        String query = "WITH " + scope.salesCte()
                + ", totals AS (SELECT date_trunc(" + unit + ", s.local_at) AS period, " + METRICS
                + " FROM sales s GROUP BY 1)"
                + ", buckets AS (SELECT generate_series(date_trunc(" + unit + ", ?::timestamp),"
                + " date_trunc(" + unit + ", ?::timestamp), ('1 ' || " + unit + ")::interval) AS period)"
                + " SELECT b.period::date AS period, coalesce(t.orders, 0) AS orders, coalesce(t.items, 0) AS items,"
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
