package io.ecomanalytics.analytics.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * How the loaded customer rows make up persons. Olist issues a customer row per order and a unique id per person; simulated and
 * live stores have one row per person and no unique ids. When no row has a unique id, the queries count and group persons by
 * {@code customer_id} straight from the orders, without joining the customers or building text keys: the same answers, far less
 * work. Read once per query (one index probe), so a load between two calls is seen at once.
 */
@ApplicationScoped
public class PersonKeys {
    /** Persons are customer rows, or unique ids that several customer rows may share. */
    public enum Kind {
        CUSTOMER_ROWS, UNIQUE_IDS
    }

    /** Customer ids below this (twelve digits) have a code-point rank that fits in 44 bits. */
    public static final long MAX_FAST_ID = 1_000_000_000_000L;

    private final SqlRunner sql;

    public PersonKeys(SqlRunner sql) {
        this.sql = sql;
    }

    public Kind kind() {
        String sql = "SELECT NOT EXISTS (SELECT 1 FROM commerce.customers WHERE unique_external_id IS NOT NULL)"
                + " AND coalesce((SELECT min(id) FROM commerce.customers), 0) >= 0"
                + " AND coalesce((SELECT max(id) FROM commerce.customers), 0) < " + MAX_FAST_ID;
        return this.sql.one(sql, List.of(), rs -> rs.getBoolean(1) ? Kind.CUSTOMER_ROWS : Kind.UNIQUE_IDS);
    }
}
