package io.ecomanalytics.analytics.repository;

import java.util.ArrayList;
import java.util.List;

import io.ecomanalytics.analytics.model.SalesFilter;

/**
 * The sales of a filter in the sales mart ({@code commerce.mart_*}, see migration V6), as SQL with its bound values. A sale is
 * an order whose status is neither {@code canceled} nor {@code unavailable}, placed on a store-zone day in the filter's range,
 * by a customer of its state/region; with a category, an order counts with only its items of that category. Persons are
 * {@code coalesce(unique_external_id, id::text)} of the customer rows; the mart's {@code person} is the smallest customer id of
 * a person. Money in the mart is integer cents.
 * <p>
 * Placeholders are bound in the order the caller appends SQL: {@link #bind} values of SQL it writes before a {@code from...}
 * call, then the call (which binds its conditions), then values of SQL after it.
 */
public final class MartScope {
    /** Whose earlier sales count as "the same person's": all of them, or only those in the same region or state. */
    public enum Partition {
        ALL("prev_day", "first_day"), REGION("prev_region_day", "first_region_day"), STATE("prev_state_day", "first_state_day");

        private final String previous;
        private final String first;

        Partition(String previous, String first) {
            this.previous = previous;
            this.first = first;
        }
    }

    private final SalesFilter filter;
    private final boolean fromStart;
    private final List<Object> params = new ArrayList<>();

    private MartScope(SalesFilter filter, boolean fromStart) {
        this.filter = filter;
        this.fromStart = fromStart;
    }

    /** Sales between the filter's dates. */
    public static MartScope of(SalesFilter filter) {
        return new MartScope(filter, false);
    }

    /** Sales up to the filter's {@code to}, from the first order on. */
    public static MartScope upTo(SalesFilter filter) {
        return new MartScope(filter, true);
    }

    public SalesFilter filter() {
        return filter;
    }

    /** Adds a value for the next placeholder. */
    public MartScope bind(Object value) {
        params.add(value);
        return this;
    }

    /** The values bound so far, in placeholder order. */
    public List<Object> params() {
        return params;
    }

    /**
     * The partition that counts each person once per area: by state when grouping by state or filtering one, by region when
     * grouping by region or filtering one, else all of a person's sales.
     */
    public Partition partition(boolean byState, boolean byRegion) {
        if (byState || filter.state() != null) {
            return Partition.STATE;
        }
        return byRegion || filter.region() != null ? Partition.REGION : Partition.ALL;
    }

    /**
     * A condition true on exactly one sale per person among the sales in scope on or after {@code since} (an SQL date
     * expression): the person's first there, whose previous sale in the partition lies before it.
     */
    public static String firstSince(Partition partition, String since) {
        return "(m." + partition.previous + " IS NULL OR m." + partition.previous + " < " + since + ")";
    }

    /** The day of the person's first sale ever in the partition (within the category, if any). */
    public static String firstDay(Partition partition) {
        return "m." + partition.first;
    }

    /**
     * {@code FROM ... WHERE ...}, for the caller to extend with {@code AND}: one row per sale ({@code m}: order_id, person,
     * day, week, month, state, region, revenue, cost, items, ...).
     */
    public String fromOrders() {
        return " FROM " + (filter.category() == null ? "commerce.mart_orders" : "commerce.mart_order_categories") + " m"
                + where("m.category");
    }

    /**
     * {@code FROM ... WHERE ...}: one row per sale and product ({@code m}: order_id, product_id, category, day, month,
     * quantity, revenue, cost).
     */
    public String fromLines() {
        return " FROM commerce.mart_lines m" + where("m.category");
    }

    /** {@code FROM ... WHERE ...}: one row per sale and pair of its products ({@code m}: order_id, product_a, product_b). */
    public String fromPairs() {
        return " FROM commerce.mart_pairs m" + where("m.category_a", "m.category_b");
    }

    /** The filter's conditions; a category is required of each of {@code categoryColumns}. */
    private String where(String... categoryColumns) {
        List<String> where = new ArrayList<>();
        if (!fromStart && filter.from() != null) {
            where.add("m.day >= ?");
            params.add(filter.from());
        }
        if (filter.to() != null) {
            where.add("m.day <= ?");
            params.add(filter.to());
        }
        if (filter.state() != null) {
            where.add("m.state = ?");
            params.add(filter.state().uf());
        }
        if (filter.region() != null) {
            where.add("m.region = ?");
            params.add(filter.region().name());
        }
        for (String column : filter.category() == null ? new String[0] : categoryColumns) {
            where.add(column + " = ?");
            params.add(filter.category());
        }
        return " WHERE " + (where.isEmpty() ? "TRUE" : String.join(" AND ", where));
    }

    /** Cents as money: an SQL numeric with two decimals. */
    public static String money(String cents) {
        return "round((" + cents + ") / 100.0, 2)";
    }
}
