package io.ecomanalytics.analytics.ltv;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.analytics.repository.MartScope;
import io.ecomanalytics.analytics.repository.SqlRunner;
import io.ecomanalytics.contracts.config.StoreSettings;

/** Per-person frequency, recency, age and spend, summarised in PostgreSQL. */
@ApplicationScoped
public class LtvRepository {
    private static final double SECONDS_PER_WEEK = 7 * 24 * 3600;

    private final SqlRunner db;
    private final StoreSettings store;

    public LtvRepository(SqlRunner db, StoreSettings store) {
        this.db = db;
        this.store = store;
    }

    /**
     * What the fitted models depend on, cheaply: orders, valid orders, the last order time and the customers whose accounts are
     * older than the first order. Equal fingerprints mean the same histories for any loader that appends or cancels orders
     * (edits in place of old orders are not seen).
     */
    public String fingerprint() {
        String sql = "SELECT count(*), count(*) FILTER (WHERE status NOT IN ('canceled', 'unavailable')), max(ordered_at),"
                + " (SELECT count(*) FROM commerce.customers WHERE created_at < (SELECT min(ordered_at)"
                + " FROM commerce.orders WHERE status NOT IN ('canceled', 'unavailable')))"
                + " FROM commerce.orders";
        return db.one(sql, List.of(),
                rs -> rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getString(3) + "/" + rs.getLong(4));
    }

    /**
     * Every person with a sale in the filter's scope (the sales mart's sales, so a person, a sale, its revenue and the filters
     * mean what they mean in every other analytic; with a category, a sale counts with only its items of that category). A
     * person is all customer rows that share a unique id (Olist issues a row per order), identified by the smallest row id; a
     * guest (an order-lines import's invoice without a customer id, segment {@code guest}) is no person: guests are left out
     * and counted. "Now" is the last sale in scope, so a simulated or imported history is judged at its own end; the
     * calibration cut-off is {@code holdoutWeeks} before it. Spend is the mean revenue of the repeat sales (the first is left
     * out, as the Gamma-Gamma model expects). A person is marked as seen late when one of their accounts is older than the
     * first sale in scope or their first sale (in the filter's state, region or category) lies before it: their purchases
     * before it are unseen.
     */
    public CustomerFacts load(SalesFilter filter, int holdoutWeeks) {
        MartScope scope = MartScope.of(filter);
        String firstDay = MartScope.firstDay(scope.partition(false, false));
        String sales = "SELECT m.person, m.order_id, m.revenue, " + firstDay + " AS first_day" + scope.fromOrders();
        String zone = store.zone().getId();
        scope.bind(holdoutWeeks).bind(zone).bind(zone);
        String sql = "WITH sales AS (" + sales + """
                ),
                valid AS (
                    SELECT s.person, o.ordered_at, s.revenue / 100.0::float8 AS revenue, s.first_day, c.created_at,
                        coalesce(c.segment = 'guest', false) AS guest,
                        row_number() OVER (PARTITION BY s.person ORDER BY o.ordered_at, o.id) AS n
                    FROM sales s JOIN commerce.orders o ON o.id = s.order_id JOIN commerce.customers c ON c.id = o.customer_id),
                bounds AS (
                    SELECT min(ordered_at) AS first_at, max(ordered_at) AS end_at,
                        max(ordered_at) - make_interval(weeks => ?) AS cut_at FROM valid)
                SELECT v.person, to_char(min(v.ordered_at) AT TIME ZONE ?, 'YYYY-MM'),
                    count(*) - 1,
                    extract(epoch FROM max(v.ordered_at) - min(v.ordered_at)),
                    extract(epoch FROM b.end_at - min(v.ordered_at)),
                    coalesce(avg(v.revenue) FILTER (WHERE v.n > 1), 0),
                    count(*) FILTER (WHERE v.ordered_at <= b.cut_at) - 1,
                    coalesce(extract(epoch FROM max(v.ordered_at) FILTER (WHERE v.ordered_at <= b.cut_at)
                        - min(v.ordered_at)), 0),
                    extract(epoch FROM b.cut_at - min(v.ordered_at)),
                    count(*) FILTER (WHERE v.ordered_at > b.cut_at),
                    b.end_at, b.cut_at,
                    bool_or(v.created_at < b.first_at) OR min(v.first_day) < (b.first_at AT TIME ZONE ?)::date,
                    bool_or(v.guest)
                FROM valid v CROSS JOIN bounds b
                GROUP BY v.person, b.first_at, b.end_at, b.cut_at ORDER BY v.person""";
        List<Object[]> rows = db.list(sql, scope.params(), rs -> new Object[]{rs.getLong(1), rs.getString(2),
                rs.getDouble(3), rs.getDouble(4) / SECONDS_PER_WEEK, rs.getDouble(5) / SECONDS_PER_WEEK, rs.getDouble(6),
                rs.getDouble(7), rs.getDouble(8) / SECONDS_PER_WEEK, rs.getDouble(9) / SECONDS_PER_WEEK, rs.getDouble(10),
                rs.getBoolean(13), rs.getObject(11, OffsetDateTime.class), rs.getObject(12, OffsetDateTime.class),
                rs.getBoolean(14)});
        OffsetDateTime end = rows.isEmpty() ? null : (OffsetDateTime) rows.get(0)[11];
        OffsetDateTime cutoff = rows.isEmpty() ? null : (OffsetDateTime) rows.get(0)[12];
        List<Object[]> persons = rows.stream().filter(r -> !(Boolean) r[13]).toList();
        int n = persons.size();
        CustomerFacts facts = new CustomerFacts(end, cutoff, rows.size() - n, new long[n], new String[n], new double[n],
                new double[n], new double[n], new double[n], new double[n], new double[n], new double[n], new double[n],
                new boolean[n]);
        for (int i = 0; i < n; i++) {
            Object[] r = persons.get(i);
            facts.id()[i] = (Long) r[0];
            // a few dozen months for every person: one string each
            facts.cohort()[i] = ((String) r[1]).intern();
            facts.x()[i] = (Double) r[2];
            facts.tx()[i] = (Double) r[3];
            facts.t()[i] = (Double) r[4];
            facts.spend()[i] = (Double) r[5];
            facts.xCal()[i] = (Double) r[6];
            facts.txCal()[i] = (Double) r[7];
            facts.tCal()[i] = (Double) r[8];
            facts.holdout()[i] = (Double) r[9];
            facts.beforeHistory()[i] = (Boolean) r[10];
        }
        return facts;
    }

    /** The person (smallest customer row id of the person) of a customer row, if the row exists. */
    public Optional<Long> personOf(long customerId) {
        return db.list("SELECT person FROM commerce.mart_customers WHERE customer_id = ?", List.of(customerId),
                rs -> rs.getLong(1)).stream().findFirst();
    }
}
