package io.ecomanalytics.analytics.repository;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.model.RfmCustomerPage;
import io.ecomanalytics.analytics.model.RfmSegment;
import io.ecomanalytics.analytics.model.SalesFilter;

/**
 * RFM per person, scored inside PostgreSQL.
 * <p>
 * Recency = (the day after {@code to}) − (store-zone date of the person's last sale in range), in days; frequency = distinct
 * orders; monetary = revenue. Each is scored 1–5 exactly as pandas {@code qcut(x.rank(method="first"), 5)} does on a frame
 * sorted by person key: rank k = {@code row_number() OVER (ORDER BY x, customer_key COLLATE "C")} (ties go to the smaller key,
 * in code-point order like Python's string sort); qcut's edges over ranks 1..n are 1 + (n−1)·j/5 with right-closed bins, so the
 * bin is ceil(5·(k−1)/(n−1)), at least 1 (and 1 when n = 1, where pandas would refuse). Recency is reversed (6 − bin): the most
 * recent fifth scores 5.
 */
@ApplicationScoped
public class RfmRepository {
    /** The Pareto figure: revenue share of this top fraction of persons by revenue (the 80/20 rule's 20%). */
    public static final BigDecimal PARETO_TOP_FRACTION = new BigDecimal("0.2");

    /** Whitelisted orders of the customer list, by API name. */
    public static final Map<String, String> SORTS = Map.of(
            "monetary", "monetary DESC, customer_key COLLATE \"C\"",
            "frequency", "frequency DESC, monetary DESC, customer_key COLLATE \"C\"",
            "recency", "recency, customer_key COLLATE \"C\"",
            "customer", "customer_key COLLATE \"C\"");

    private final SqlRunner sql;

    public RfmRepository(SqlRunner sql) {
        this.sql = sql;
    }

    /** One segment's aggregates; the row with a null segment is the total over every person. */
    public record SegmentRow(String segment, long customers, BigDecimal revenue, BigDecimal meanRecency,
            BigDecimal meanFrequency, BigDecimal meanMonetary, BigDecimal topRevenue) {
    }

    public List<SegmentRow> segments(SalesFilter filter, ZoneId zone) {
        SalesScope scope = SalesScope.of(filter, zone);
        String query = scored(scope, filter)
                + " SELECT segment, count(*) AS customers, coalesce(sum(monetary), 0) AS revenue,"
                + " round(avg(recency), 2) AS mean_recency, round(avg(frequency), 2) AS mean_frequency,"
                + " round(avg(monetary), 2) AS mean_monetary,"
                + " coalesce(sum(monetary) FILTER (WHERE top_rank <= ceil(n * ?)), 0) AS top_revenue"
                + " FROM scored GROUP BY GROUPING SETS ((segment), ()) ORDER BY segment NULLS FIRST";
        scope.bind(PARETO_TOP_FRACTION);
        return sql.list(query, scope.params(), rs -> new SegmentRow(rs.getString("segment"),
                rs.getLong("customers"), rs.getBigDecimal("revenue"), rs.getBigDecimal("mean_recency"),
                rs.getBigDecimal("mean_frequency"), rs.getBigDecimal("mean_monetary"),
                rs.getBigDecimal("top_revenue")));
    }

    /** A customer row and the segment of its person. */
    public record CustomerSegment(long customerId, String segment) {
    }

    /** The segment of every customer row whose person bought in the filter, by customer id (for the lifetime-value summary). */
    public List<CustomerSegment> segmentsByCustomer(SalesFilter filter, ZoneId zone) {
        SalesScope scope = SalesScope.of(filter, zone);
        String query = scored(scope, filter) + " SELECT c.id, s.segment FROM scored s JOIN commerce.customers c ON "
                + SalesScope.PERSON_KEY + " = s.customer_key ORDER BY c.id";
        return sql.list(query, scope.params(), rs -> new CustomerSegment(rs.getLong(1), rs.getString(2)));
    }

    /** A page of persons and the number of persons matching; {@code sort} must be a key of {@link #SORTS}. */
    public record Page(long total, List<RfmCustomerPage.Customer> customers) {
    }

    public Page customers(SalesFilter filter, ZoneId zone, RfmSegment segment, String sort, int page, int size) {
        String order = SORTS.get(sort);
        if (order == null) {
            throw new IllegalArgumentException("sort not whitelisted: " + sort);
        }
        SalesScope scope = SalesScope.of(filter, zone);
        String query = scored(scope, filter) + " SELECT *, count(*) OVER () AS total FROM scored"
                + segmentCondition(scope, segment) + " ORDER BY " + order + " LIMIT ? OFFSET ?";
        scope.bind(size).bind((long) page * size);
        long[] total = {0};
        List<RfmCustomerPage.Customer> rows = sql.list(query, scope.params(), rs -> {
            total[0] = rs.getLong("total");
            int r = rs.getInt("r");
            int f = rs.getInt("f");
            int m = rs.getInt("m");
            return new RfmCustomerPage.Customer(rs.getString("customer_key"), rs.getInt("recency"),
                    rs.getLong("frequency"), rs.getBigDecimal("monetary"), r, f, m, "" + r + f + m,
                    rs.getString("segment"));
        });
        return new Page(rows.isEmpty() ? count(filter, zone, segment) : total[0], rows);
    }

    private long count(SalesFilter filter, ZoneId zone, RfmSegment segment) {
        SalesScope scope = SalesScope.of(filter, zone);
        String query = scored(scope, filter) + " SELECT count(*) FROM scored" + segmentCondition(scope, segment);
        return sql.one(query, scope.params(), rs -> rs.getLong(1));
    }

    private static String segmentCondition(SalesScope scope, RfmSegment segment) {
        if (segment == null) {
            return "";
        }
        scope.bind(segment.apiName());
        return " WHERE segment = ?";
    }

    /** The CTEs up to {@code scored(customer_key, recency, frequency, monetary, r, f, m, segment, n, top_rank)}. */
    private static String scored(SalesScope scope, SalesFilter filter) {
        String sales = scope.salesCte();
        scope.bind(filter.to().plusDays(1));
        return "WITH " + sales
                + ", per_row AS (SELECT customer_id, max(local_at) AS last_at, count(*) AS frequency,"
                + " sum(revenue) AS monetary FROM sales GROUP BY customer_id)"
                + ", persons AS (SELECT " + SalesScope.PERSON_KEY + " AS customer_key,"
                + " ?::date - max(r.last_at)::date AS recency, sum(r.frequency) AS frequency,"
                + " sum(r.monetary) AS monetary FROM per_row r JOIN commerce.customers c ON c.id = r.customer_id"
                + " GROUP BY 1)"
                + ", ranked AS (SELECT p.*, count(*) OVER () AS n,"
                + " row_number() OVER (ORDER BY recency, customer_key COLLATE \"C\") AS r_rank,"
                + " row_number() OVER (ORDER BY frequency, customer_key COLLATE \"C\") AS f_rank,"
                + " row_number() OVER (ORDER BY monetary, customer_key COLLATE \"C\") AS m_rank,"
                + " row_number() OVER (ORDER BY monetary DESC, customer_key COLLATE \"C\") AS top_rank FROM persons p)"
                + ", binned AS (SELECT customer_key, recency, frequency, monetary, n, top_rank,"
                + " 6 - " + quintile("r_rank") + " AS r, " + quintile("f_rank") + " AS f, "
                + quintile("m_rank") + " AS m FROM ranked)"
                + ", scored AS (SELECT *, " + RfmSegment.sqlCase("r", "f") + " AS segment FROM binned)";
    }

    /** pandas qcut bin (1..5) of a 1-based rank among n, in integer arithmetic: ceil(5(k−1)/(n−1)), at least 1. */
    private static String quintile(String rank) {
        return "(CASE WHEN n = 1 THEN 1 ELSE greatest(1, (5 * (" + rank + " - 1) + n - 2) / (n - 1)) END)::int";
    }
}
