package io.ecomanalytics.analytics.repository;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.ecomanalytics.analytics.model.SalesFilter;

/**
 * The one definition of "a sale" for every descriptive analytic, as SQL common table expressions with their bound values.
 * <p>
 * A sale is an order whose status is neither {@code canceled} nor {@code unavailable} (those never reached the customer: no
 * revenue, no activity), placed in the filter's store-zone date range, by a customer of the filter's state/region. A person is
 * {@code coalesce(customers.unique_external_id, customers.id::text)}: Olist issues a new customer id per order and a unique id
 * per person, so its orders collapse into persons; simulated customers have one row each.
 * <p>
 * With a category filter, an order counts with only its items of that category (their revenue, cost and quantity).
 */
public final class SalesScope {
    /**
     * A person's key from a {@code commerce.customers} row aliased {@code c}, for queries that aggregate per customer row first
     * and map rows to persons afterwards (far fewer rows to hash than one per order).
     */
    public static final String PERSON_KEY = "coalesce(c.unique_external_id, c.id::text) COLLATE \"C\"";

    /** Statuses of orders that are not sales. */
    public static final String EXCLUDED_STATUSES = "('canceled', 'unavailable')";

    private final SalesFilter filter;
    private final ZoneId zone;
    private final PersonKeys.Kind persons;
    private final List<Object> params = new ArrayList<>();

    private SalesScope(SalesFilter filter, ZoneId zone, PersonKeys.Kind persons) {
        this.filter = filter;
        this.zone = zone;
        this.persons = persons;
    }

    /** Sales between the filter's dates. */
    public static SalesScope of(SalesFilter filter, ZoneId zone, PersonKeys.Kind persons) {
        return new SalesScope(filter, zone, persons);
    }

    /** Sales up to the filter's {@code to}, from the first order on (to find each person's first sale). */
    public static SalesScope upTo(SalesFilter filter, ZoneId zone, PersonKeys.Kind persons) {
        return new SalesScope(filter.withDates(null, filter.to()), zone, persons);
    }

    /** True when every customer row is a person of its own: {@code customer_id} then identifies the person. */
    public boolean personsAreCustomerRows() {
        return persons == PersonKeys.Kind.CUSTOMER_ROWS;
    }

    /** Binds the store zone's id, for an {@code AT TIME ZONE ?} the caller appends. */
    public SalesScope bindZone() {
        return bind(zone.getId());
    }

    /** The values bound so far, in placeholder order. */
    public List<Object> params() {
        return params;
    }

    /** Adds a value for the next placeholder of SQL the caller appends after the CTEs. */
    public SalesScope bind(Object value) {
        params.add(value);
        return this;
    }

    /**
     * {@code sales(order_id, ordered_at, local_at, revenue, cost, items, customer_id, person, state, region)}: one row per
     * sale; {@code local_at} is the store-zone wall time; {@code cost} is null when unknown. {@code person} identifies the
     * person: {@code customer_id} when {@link #personsAreCustomerRows()}, else the text key {@link #PERSON_KEY}. Customers are
     * left-joined (every order has one) so that PostgreSQL drops the join when a query reads no customer column and no
     * state/region is given. Reference the CTE once: it is then inlined, and columns nobody reads are never computed.
     */
    public String salesCte() {
        params.add(zone.getId());
        StringBuilder sql = new StringBuilder("sales AS (SELECT o.id AS order_id, o.ordered_at,"
                + " o.ordered_at AT TIME ZONE ? AS local_at,");
        if (filter.category() == null) {
            sql.append(" o.revenue, o.cost, o.item_count AS items,");
        } else {
            sql.append(" cat.revenue, cat.cost, cat.items,");
        }
        sql.append(" o.customer_id, " + (personsAreCustomerRows() ? "o.customer_id" : PERSON_KEY) + " AS person, c.state,"
                + " c.region FROM commerce.orders o LEFT JOIN commerce.customers c ON c.id = o.customer_id");
        if (filter.category() != null) {
            sql.append(" JOIN (SELECT i.order_id, sum(i.quantity * i.unit_price) AS revenue,"
                    + " CASE WHEN bool_and(i.unit_cost IS NOT NULL) THEN sum(i.quantity * i.unit_cost) END AS cost,"
                    + " sum(i.quantity) AS items"
                    + " FROM commerce.order_items i JOIN commerce.products p ON p.id = i.product_id"
                    + " WHERE p.category = ? GROUP BY i.order_id) cat ON cat.order_id = o.id");
            params.add(filter.category());
        }
        appendConditions(sql);
        return sql.append(')').toString();
    }

    /**
     * {@code lines(order_id, product_id, quantity, unit_price, unit_cost, local_at)}: the items of the sales, only those of the
     * filter's category when it has one.
     */
    public String linesCte() {
        params.add(zone.getId());
        StringBuilder sql = new StringBuilder("lines AS (SELECT i.order_id, i.product_id, i.quantity, i.unit_price,"
                + " i.unit_cost, o.ordered_at AT TIME ZONE ? AS local_at"
                + " FROM commerce.order_items i JOIN commerce.orders o ON o.id = i.order_id"
                + " LEFT JOIN commerce.customers c ON c.id = o.customer_id");
        if (filter.category() != null) {
            sql.append(" JOIN commerce.products p ON p.id = i.product_id AND p.category = ?");
            params.add(filter.category());
        }
        appendConditions(sql);
        return sql.append(')').toString();
    }

    private void appendConditions(StringBuilder sql) {
        sql.append(" WHERE o.status NOT IN ").append(EXCLUDED_STATUSES).append(" AND ")
                .append(conditions(filter, zone, params));
    }

    /**
     * The filter's conditions on orders {@code o} and their customers {@code c}, each value added to {@code params}: placed
     * from the start of {@code from} to the end of {@code to} in the store zone (an unset date leaves that end open), by a
     * customer of the state and region. {@code TRUE} when the filter sets none of them. Statuses and the category are the
     * caller's: the models screen every order, and a category needs the items.
     */
    public static String conditions(SalesFilter filter, ZoneId zone, List<Object> params) {
        List<String> where = new ArrayList<>();
        if (filter.from() != null) {
            where.add("o.ordered_at >= ?");
            params.add(at(filter.start(zone)));
        }
        if (filter.to() != null) {
            where.add("o.ordered_at < ?");
            params.add(at(filter.end(zone)));
        }
        if (filter.state() != null) {
            where.add("c.state = ?");
            params.add(filter.state().uf());
        }
        if (filter.region() != null) {
            where.add("c.region = ?");
            params.add(filter.region().name());
        }
        return where.isEmpty() ? "TRUE" : String.join(" AND ", where);
    }

    private static Object at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
