package io.ecomanalytics.analytics.ltv;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.repository.SqlRunner;
import io.ecomanalytics.contracts.config.StoreSettings;

/** Per-customer frequency, recency, age and spend, summarised in PostgreSQL. */
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
     * Every customer with an order that was not canceled or unavailable. "Now" is the last such order, so a simulated or
     * imported history is judged at its own end; the calibration cut-off is {@code holdoutWeeks} before it. Spend is the mean
     * revenue of the repeat orders (the first is left out, as the Gamma-Gamma model expects). A customer whose account is older
     * than the first order in the data is marked: their purchases before the data began are unseen.
     */
    public CustomerFacts load(int holdoutWeeks) {
        String sql = """
                WITH valid AS (
                    SELECT customer_id, ordered_at, revenue::float8 AS revenue,
                        row_number() OVER (PARTITION BY customer_id ORDER BY ordered_at, id) AS n
                    FROM commerce.orders WHERE status NOT IN ('canceled', 'unavailable')),
                bounds AS (
                    SELECT min(ordered_at) AS first_at, max(ordered_at) AS end_at,
                        max(ordered_at) - make_interval(weeks => ?) AS cut_at FROM valid)
                SELECT v.customer_id, to_char(min(v.ordered_at) AT TIME ZONE ?, 'YYYY-MM'),
                    count(*) - 1,
                    extract(epoch FROM max(v.ordered_at) - min(v.ordered_at)),
                    extract(epoch FROM b.end_at - min(v.ordered_at)),
                    coalesce(avg(v.revenue) FILTER (WHERE v.n > 1), 0),
                    count(*) FILTER (WHERE v.ordered_at <= b.cut_at) - 1,
                    coalesce(extract(epoch FROM max(v.ordered_at) FILTER (WHERE v.ordered_at <= b.cut_at)
                        - min(v.ordered_at)), 0),
                    extract(epoch FROM b.cut_at - min(v.ordered_at)),
                    count(*) FILTER (WHERE v.ordered_at > b.cut_at),
                    b.end_at, b.cut_at, coalesce(c.created_at < b.first_at, false)
                FROM valid v CROSS JOIN bounds b JOIN commerce.customers c ON c.id = v.customer_id
                GROUP BY v.customer_id, c.created_at, b.first_at, b.end_at, b.cut_at ORDER BY v.customer_id""";
        List<Object[]> rows = db.list(sql, List.of(holdoutWeeks, store.zone().getId()), rs -> new Object[]{rs.getLong(1),
                rs.getString(2), rs.getDouble(3), rs.getDouble(4) / SECONDS_PER_WEEK, rs.getDouble(5) / SECONDS_PER_WEEK,
                rs.getDouble(6), rs.getDouble(7), rs.getDouble(8) / SECONDS_PER_WEEK, rs.getDouble(9) / SECONDS_PER_WEEK,
                rs.getDouble(10), rs.getBoolean(13), rs.getObject(11, OffsetDateTime.class),
                rs.getObject(12, OffsetDateTime.class)});
        OffsetDateTime end = rows.isEmpty() ? null : (OffsetDateTime) rows.get(0)[11];
        OffsetDateTime cutoff = rows.isEmpty() ? null : (OffsetDateTime) rows.get(0)[12];
        int n = rows.size();
        CustomerFacts facts = new CustomerFacts(end, cutoff, new long[n], new String[n], new double[n], new double[n],
                new double[n], new double[n], new double[n], new double[n], new double[n], new double[n], new boolean[n]);
        for (int i = 0; i < n; i++) {
            Object[] r = rows.get(i);
            facts.id()[i] = (Long) r[0];
            facts.cohort()[i] = (String) r[1];
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
}
