package io.ecomanalytics.analytics.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.model.Granularity;
import io.ecomanalytics.analytics.model.SalesFilter;

/**
 * Acquisition cohorts: a person belongs to the bucket of their first sale ever (within the filter's state/region/category),
 * counted only when that first sale falls in the range; activity is followed until {@code to}.
 */
@ApplicationScoped
public class CohortRepository {
    private final SqlRunner sql;
    private final PersonKeys persons;

    public CohortRepository(SqlRunner sql, PersonKeys persons) {
        this.sql = sql;
        this.persons = persons;
    }

    /** One cell: cohort, periods since acquisition, active persons and their revenue, and the cohort's period-0 values. */
    public record Cell(LocalDate cohort, int period, long customers, BigDecimal revenue, long cohortSize,
            BigDecimal initialRevenue) {
    }

    public List<Cell> cells(SalesFilter filter, ZoneId zone, Granularity granularity) {
        SalesScope scope = SalesScope.upTo(filter, zone, persons.kind());
        String unit = "'" + granularity.unit() + "'"; // from the enum, never from the caller's text
        String index = granularity == Granularity.MONTH
                ? "((extract(year FROM period) - extract(year FROM cohort)) * 12"
                        + " + extract(month FROM period) - extract(month FROM cohort))::int"
                : "((period::date - cohort::date) / 7)";
        // One pass over each person's sales in time order (the orders' (customer_id, ordered_at) index gives that order
        // without a sort when persons are customer rows): the first sale gives the cohort, and a sale whose period differs
        // from the person's previous sale's opens that period (periods only move forward in time), so each active person
        // counts once per period without a DISTINCT.
        String query = "WITH " + scope.salesCte()
                + ", timeline AS (SELECT period, revenue, first_value(period) OVER person AS cohort,"
                + " first_value(ordered_at) OVER person AS first_at,"
                + " lag(period) OVER person IS DISTINCT FROM period AS opens"
                // ORDER BY + OFFSET 0: the period is computed once per sale (not inlined into each window function),
                // and the sales arrive already in the window's order
                + " FROM (SELECT person, ordered_at, revenue, date_trunc(" + unit + ", local_at) AS period FROM sales"
                + " ORDER BY person, ordered_at OFFSET 0) s"
                + " WINDOW person AS (PARTITION BY person ORDER BY ordered_at ROWS UNBOUNDED PRECEDING))"
                + ", cells AS (SELECT cohort, " + index + " AS idx, count(*) FILTER (WHERE opens) AS customers,"
                + " sum(revenue) AS revenue FROM timeline WHERE first_at >= ? GROUP BY cohort, period)"
                + " SELECT cohort::date AS cohort, idx, customers, revenue,"
                + " first_value(customers) OVER w AS size, first_value(revenue) OVER w AS revenue0"
                + " FROM cells WINDOW w AS (PARTITION BY cohort ORDER BY idx) ORDER BY cohort, idx";
        scope.bind(filter.start(zone).atOffset(ZoneOffset.UTC));
        return sql.list(query, scope.params(), rs -> new Cell(rs.getObject("cohort", LocalDate.class),
                rs.getInt("idx"), rs.getLong("customers"), rs.getBigDecimal("revenue"), rs.getLong("size"),
                rs.getBigDecimal("revenue0")));
    }
}
