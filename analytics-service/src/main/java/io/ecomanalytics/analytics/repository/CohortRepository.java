package io.ecomanalytics.analytics.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
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

    public CohortRepository(SqlRunner sql) {
        this.sql = sql;
    }

    /** One cell: cohort, periods since acquisition, active persons and their revenue, and the cohort's period-0 values. */
    public record Cell(LocalDate cohort, int period, long customers, BigDecimal revenue, long cohortSize,
            BigDecimal initialRevenue) {
    }

    public List<Cell> cells(SalesFilter filter, ZoneId zone, Granularity granularity) {
        SalesScope scope = SalesScope.upTo(filter, zone);
        String unit = "'" + granularity.unit() + "'"; // from the enum, never from the caller's text
        String index = granularity == Granularity.MONTH
                ? "((extract(year FROM period) - extract(year FROM cohort)) * 12"
                        + " + extract(month FROM period) - extract(month FROM cohort))::int"
                : "((period::date - cohort::date) / 7)";
        String query = "WITH " + scope.salesCte()
                + ", row_firsts AS (SELECT customer_id, min(local_at) AS first_at FROM sales GROUP BY customer_id)"
                + ", firsts AS (SELECT " + SalesScope.PERSON_KEY + " AS customer_key, min(r.first_at) AS first_at"
                + " FROM row_firsts r JOIN commerce.customers c ON c.id = r.customer_id GROUP BY 1)"
                + ", row_periods AS (SELECT customer_id, date_trunc(" + unit + ", local_at) AS period,"
                + " sum(revenue) AS revenue FROM sales GROUP BY 1, 2)"
                + ", activity AS (SELECT date_trunc(" + unit + ", f.first_at) AS cohort, r.period, f.customer_key,"
                + " r.revenue FROM row_periods r JOIN commerce.customers c ON c.id = r.customer_id"
                + " JOIN firsts f ON f.customer_key = " + SalesScope.PERSON_KEY + " WHERE f.first_at >= ?::timestamp)"
                + ", cells AS (SELECT cohort, " + index + " AS idx, count(DISTINCT customer_key) AS customers,"
                + " sum(revenue) AS revenue FROM activity GROUP BY cohort, period)"
                + " SELECT cohort::date AS cohort, idx, customers, revenue,"
                + " first_value(customers) OVER w AS size, first_value(revenue) OVER w AS revenue0"
                + " FROM cells WINDOW w AS (PARTITION BY cohort ORDER BY idx) ORDER BY cohort, idx";
        scope.bind(filter.from());
        return sql.list(query, scope.params(), rs -> new Cell(rs.getObject("cohort", LocalDate.class),
                rs.getInt("idx"), rs.getLong("customers"), rs.getBigDecimal("revenue"), rs.getLong("size"),
                rs.getBigDecimal("revenue0")));
    }
}
