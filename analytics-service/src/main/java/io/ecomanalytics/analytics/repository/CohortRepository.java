package io.ecomanalytics.analytics.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
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
    private final SalesMart mart;

    public CohortRepository(SqlRunner sql, SalesMart mart) {
        this.sql = sql;
        this.mart = mart;
    }

    /** One cell: cohort, periods since acquisition, active persons and their revenue, and the cohort's period-0 values. */
    public record Cell(LocalDate cohort, int period, long customers, BigDecimal revenue, long cohortSize,
            BigDecimal initialRevenue) {
    }

    public List<Cell> cells(SalesFilter filter, Granularity granularity) {
        mart.requireBuilt();
        MartScope scope = MartScope.upTo(filter);
        MartScope.Partition partition = scope.partition(false, false);
        String unit = "'" + granularity.unit() + "'"; // from the enum, never from the caller's text
        String period = "m." + granularity.unit(); // the mart's week and month columns
        String index = granularity == Granularity.MONTH
                ? "((extract(year FROM period) - extract(year FROM cohort)) * 12"
                        + " + extract(month FROM period) - extract(month FROM cohort))::int"
                : "((period - cohort) / 7)";
        // Each sale of a person acquired in range, by (first-sale day, period): a person is active in a period once, on
        // their first sale there (the previous one lies before the period's start). The first days then fold into cohorts.
        String query = "WITH per_day AS (SELECT " + MartScope.firstDay(partition) + " AS first_day, " + period + " AS period,"
                + " count(*) FILTER (WHERE " + MartScope.firstSince(partition, period) + ") AS customers,"
                + " sum(m.revenue) AS revenue" + scope.fromOrders()
                + " AND " + MartScope.firstDay(partition) + " >= ? GROUP BY 1, 2)"
                + ", cells AS (SELECT date_trunc(" + unit + ", first_day)::date AS cohort, period,"
                + " sum(customers) AS customers, sum(revenue) AS revenue FROM per_day GROUP BY 1, 2)"
                + " SELECT cohort, " + index + " AS idx, customers, " + MartScope.money("revenue") + " AS revenue,"
                + " first_value(customers) OVER w AS size, " + MartScope.money("first_value(revenue) OVER w") + " AS revenue0"
                + " FROM cells WINDOW w AS (PARTITION BY cohort ORDER BY period) ORDER BY cohort, idx";
        scope.bind(filter.from());
        return sql.list(query, scope.params(), rs -> new Cell(rs.getObject("cohort", LocalDate.class),
                rs.getInt("idx"), rs.getLong("customers"), rs.getBigDecimal("revenue"), rs.getLong("size"),
                rs.getBigDecimal("revenue0")));
    }
}
