package io.ecomanalytics.analytics.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.analytics.repository.SalesScope;
import io.ecomanalytics.analytics.repository.SqlRunner;
import io.ecomanalytics.contracts.config.StoreSettings;

/** The weekly revenue series, summed in PostgreSQL. */
@ApplicationScoped
public class ForecastRepository {
    private final SqlRunner sql;
    private final StoreSettings store;

    public ForecastRepository(SqlRunner sql, StoreSettings store) {
        this.sql = sql;
        this.store = store;
    }

    /**
     * Revenue per week (Monday to Sunday in the store's zone) of the orders that were not canceled or unavailable, with empty
     * weeks as 0. Only whole weeks: a first or last week that the data (or the from/to range) covers only in part is left out,
     * since a half week would read as a collapse of revenue.
     */
    public WeeklySeries weeklyRevenue(SalesFilter filter) {
        String zone = store.zone().getId();
        List<Object> params = new ArrayList<>();
        String revenue = filter.category() == null ? "o.revenue" : "i.quantity * i.unit_price";
        String items = filter.category() == null
                ? ""
                : " JOIN commerce.order_items i ON i.order_id = o.id JOIN commerce.products p ON p.id = i.product_id";
        params.add(zone);
        params.add(zone);
        params.add(zone);
        String where = SalesScope.conditions(filter, store.zone(), params);
        if (filter.category() != null) {
            where += " AND p.category = ?";
            params.add(filter.category());
        }
        String query = "SELECT date_trunc('week', o.ordered_at AT TIME ZONE ?)::date AS week, sum(" + revenue + "),"
                + " min((o.ordered_at AT TIME ZONE ?)::date), max((o.ordered_at AT TIME ZONE ?)::date)"
                + " FROM commerce.orders o JOIN commerce.customers c ON c.id = o.customer_id" + items
                + " WHERE o.status NOT IN ('canceled', 'unavailable') AND " + where + " GROUP BY 1 ORDER BY 1";
        record Week(LocalDate week, double revenue, LocalDate firstDay, LocalDate lastDay) {
        }
        List<Week> weeks = sql.list(query, params, rs -> new Week(rs.getObject(1, LocalDate.class), rs.getDouble(2),
                rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class)));
        Map<LocalDate, Double> byWeek = new HashMap<>();
        weeks.forEach(w -> byWeek.put(w.week(), w.revenue()));
        LocalDate firstDay = weeks.isEmpty() ? null : weeks.get(0).firstDay();
        LocalDate lastDay = weeks.isEmpty() ? null : weeks.get(weeks.size() - 1).lastDay();
        // an explicit range is a series of its own: weeks without any sale are zeros, even when none has one
        LocalDate start = filter.from() != null ? filter.from() : firstDay;
        LocalDate end = filter.to() != null ? filter.to() : lastDay;
        if (start == null || end == null) {
            return new WeeklySeries(null, new double[0]);
        }
        LocalDate firstWeek = start.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        LocalDate lastFullWeek = end.plusDays(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
        List<Double> values = new ArrayList<>();
        for (LocalDate w = firstWeek; !w.isAfter(lastFullWeek); w = w.plusWeeks(1)) {
            values.add(byWeek.getOrDefault(w, 0.0));
        }
        return new WeeklySeries(firstWeek, values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Weekly values from {@code firstWeek} (a Monday; null when there is no data). */
    public record WeeklySeries(LocalDate firstWeek, double[] values) {
    }
}
