package io.ecomanalytics.metrics.repository;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.contracts.db.StatementGuard;
import io.ecomanalytics.contracts.geo.Region;
import io.ecomanalytics.metrics.model.DayAggregate;
import io.ecomanalytics.metrics.service.MetricKeys;
import io.quarkus.logging.Log;

/** Reads from {@code commerce.*} what the metric keys of a range of days must hold, in one SQL aggregate. */
@ApplicationScoped
public class OrderAggregateRepository {
    /**
     * One statement, one pass over the orders of the range: a row per day (revenue, count, customers, order ids), per day and
     * region, and per day and product. Days are cut in the store's zone; statuses that do not count come as a parameter from
     * {@link MetricKeys#NOT_COUNTED_STATUSES}, the same rule live events follow.
     */
    private static final String AGGREGATE = """
            WITH day_orders AS (
                SELECT o.id, o.customer_id, o.revenue, c.region,
                       (o.ordered_at AT TIME ZONE ?)::date AS day,
                       o.status <> ALL (?) AS counted
                FROM commerce.orders o
                JOIN commerce.customers c ON c.id = o.customer_id
                WHERE o.ordered_at >= ? AND o.ordered_at < ?
            )
            SELECT 'day' AS kind, day, NULL AS item,
                   sum(revenue) FILTER (WHERE counted) AS amount,
                   count(*) FILTER (WHERE counted) AS quantity,
                   array_agg(DISTINCT customer_id) FILTER (WHERE counted) AS customers,
                   array_agg(id) AS order_ids
            FROM day_orders GROUP BY day
            UNION ALL
            SELECT 'region', day, region, sum(revenue), NULL, NULL, NULL
            FROM day_orders WHERE counted AND region IS NOT NULL GROUP BY day, region
            UNION ALL
            SELECT 'product', d.day, i.product_id::text, NULL, sum(i.quantity), NULL, NULL
            FROM day_orders d JOIN commerce.order_items i ON i.order_id = d.id
            WHERE d.counted GROUP BY d.day, i.product_id
            """;

    private final DataSource dataSource;
    private final StatementGuard guard;

    public OrderAggregateRepository(DataSource dataSource, StatementGuard guard) {
        this.dataSource = dataSource;
        this.guard = guard;
    }

    /**
     * The aggregate of every day from {@code from} to {@code to} inclusive that has at least one order, by day. Called for an
     * HTTP caller (reconcile, rebuild), the statement is cancelled when the caller goes away.
     */
    public Map<LocalDate, DayAggregate> aggregate(LocalDate from, LocalDate to, ZoneId zone) {
        Map<LocalDate, Builder> days = new TreeMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(AGGREGATE)) {
            statement.setString(1, zone.getId());
            statement.setArray(2, connection.createArrayOf("text", MetricKeys.NOT_COUNTED_STATUSES.toArray()));
            statement.setTimestamp(3, Timestamp.from(from.atStartOfDay(zone).toInstant()));
            statement.setTimestamp(4, Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant()));
            try (ResultSet rows = guard.run(statement, statement::executeQuery)) {
                while (rows.next()) {
                    LocalDate day = rows.getObject("day", LocalDate.class);
                    Builder builder = days.computeIfAbsent(day, Builder::new);
                    switch (rows.getString("kind")) {
                        case "day" -> {
                            builder.revenue = rows.getBigDecimal("amount");
                            builder.orders = rows.getLong("quantity");
                            builder.customers = strings(rows.getArray("customers"));
                            builder.orderIds = strings(rows.getArray("order_ids"));
                        }
                        case "region" -> {
                            BigDecimal amount = rows.getBigDecimal("amount");
                            region(rows.getString("item")).ifPresent(region -> builder.regions.put(region, amount));
                        }
                        default -> builder.products.put(rows.getString("item"), rows.getLong("quantity"));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot aggregate orders from " + from + " to " + to, e);
        }
        Map<LocalDate, DayAggregate> result = new TreeMap<>();
        days.forEach((day, builder) -> result.put(day, builder.build()));
        return result;
    }

    private static Optional<Region> region(String code) {
        try {
            return Optional.of(Region.valueOf(code));
        } catch (IllegalArgumentException e) {
            Log.warnf("customer region '%s' is not a region code: left out of vendas_por_regiao", code);
            return Optional.empty();
        }
    }

    private static Set<String> strings(Array array) throws SQLException {
        if (array == null) {
            return Set.of();
        }
        Object[] values = (Object[]) array.getArray();
        Set<String> strings = new HashSet<>(values.length * 2);
        Arrays.stream(values).forEach(v -> strings.add(v.toString()));
        return strings;
    }

    private static final class Builder {
        private final LocalDate day;
        private BigDecimal revenue;
        private long orders;
        private Set<String> customers = Set.of();
        private Set<String> orderIds = Set.of();
        private final Map<Region, BigDecimal> regions = new EnumMap<>(Region.class);
        private final Map<String, Long> products = new HashMap<>();

        Builder(LocalDate day) {
            this.day = day;
        }

        DayAggregate build() {
            return new DayAggregate(day, revenue, orders, customers, orderIds, regions, products);
        }
    }
}
