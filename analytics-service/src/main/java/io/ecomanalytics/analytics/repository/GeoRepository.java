package io.ecomanalytics.analytics.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.model.GeoBreakdown;
import io.ecomanalytics.analytics.model.Ratios;
import io.ecomanalytics.analytics.model.SalesFilter;

/** Sales by the customer's region or state, from the sales mart. */
@ApplicationScoped
public class GeoRepository {
    private final SqlRunner sql;
    private final SalesMart mart;

    public GeoRepository(SqlRunner sql, SalesMart mart) {
        this.sql = sql;
        this.mart = mart;
    }

    /** By region when {@code byState} is false, else by state (with its region); largest revenue first. */
    public List<GeoBreakdown.Area> areas(SalesFilter filter, boolean byState) {
        mart.requireBuilt();
        MartScope scope = MartScope.of(filter).bind(filter.from());
        String keys = byState ? "m.region, m.state" : "m.region";
        // a person counts once per area: on their first sale there in range
        String query = "SELECT m.region, " + (byState ? "m.state" : "NULL") + " AS state,"
                + " " + MartScope.money("sum(m.revenue)") + " AS revenue, count(*) AS orders,"
                + " count(*) FILTER (WHERE " + MartScope.firstSince(scope.partition(byState, true), "?::date")
                + ") AS customers,"
                + " " + MartScope.money("sum(sum(m.revenue)) OVER ()") + " AS total_revenue,"
                + " sum(count(*)) OVER () AS total_orders"
                + scope.fromOrders() + " GROUP BY " + keys + " ORDER BY revenue DESC, " + keys;
        return sql.list(query, scope.params(), rs -> {
            long orders = rs.getLong("orders");
            return new GeoBreakdown.Area(rs.getString("region"), rs.getString("state"), rs.getBigDecimal("revenue"),
                    orders, rs.getLong("customers"), Ratios.money(rs.getBigDecimal("revenue"), orders),
                    Ratios.ratio(rs.getBigDecimal("revenue"), rs.getBigDecimal("total_revenue")),
                    Ratios.ratio(orders, rs.getLong("total_orders")));
        });
    }
}
