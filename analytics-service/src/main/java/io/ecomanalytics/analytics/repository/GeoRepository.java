package io.ecomanalytics.analytics.repository;

import java.time.ZoneId;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.model.GeoBreakdown;
import io.ecomanalytics.analytics.model.Ratios;
import io.ecomanalytics.analytics.model.SalesFilter;

/** Sales by the customer's region or state. */
@ApplicationScoped
public class GeoRepository {
    private final SqlRunner sql;
    private final PersonKeys persons;

    public GeoRepository(SqlRunner sql, PersonKeys persons) {
        this.sql = sql;
        this.persons = persons;
    }

    /** By region when {@code byState} is false, else by state (with its region); largest revenue first. */
    public List<GeoBreakdown.Area> areas(SalesFilter filter, ZoneId zone, boolean byState) {
        SalesScope scope = SalesScope.of(filter, zone, persons.kind());
        String keys = byState ? "region, state" : "region";
        String query = "WITH " + scope.salesCte()
                + " SELECT region, " + (byState ? "state" : "NULL") + " AS state, sum(revenue) AS revenue,"
                + " count(*) AS orders, count(DISTINCT person) AS customers,"
                + " sum(sum(revenue)) OVER () AS total_revenue, sum(count(*)) OVER () AS total_orders"
                + " FROM sales GROUP BY " + keys + " ORDER BY revenue DESC, " + keys;
        return sql.list(query, scope.params(), rs -> {
            long orders = rs.getLong("orders");
            return new GeoBreakdown.Area(rs.getString("region"), rs.getString("state"), rs.getBigDecimal("revenue"),
                    orders, rs.getLong("customers"), Ratios.money(rs.getBigDecimal("revenue"), orders),
                    Ratios.ratio(rs.getBigDecimal("revenue"), rs.getBigDecimal("total_revenue")),
                    Ratios.ratio(orders, rs.getLong("total_orders")));
        });
    }
}
