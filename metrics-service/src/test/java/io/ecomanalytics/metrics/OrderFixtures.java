package io.ecomanalytics.metrics;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import io.ecomanalytics.contracts.events.OrderEvent;
import io.ecomanalytics.contracts.events.OrderEvent.Item;
import io.ecomanalytics.contracts.events.OrderEvents;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * Five known orders over two store days (America/Sao_Paulo, UTC-3), as stream events and as PostgreSQL rows. Hand-computed
 * figures:
 *
 * <pre>
 * 2026-03-10: orders 101 (cust 1, SUDESTE, 2x#11 @50.00 + 1x#12 @19.90 = 119.90),
 *             102 (cust 2, NORDESTE, 3x#12 @19.90 = 59.70),
 *             103 (cust 1, SUDESTE, 1x#13 @0.35 = 0.35; 02:59:59Z on the 11th is 23:59:59 local on the 10th)
 *             revenue 179.95, 3 orders, customers {1, 2}, SUDESTE 120.25, NORDESTE 59.70, products {11:2, 12:4, 13:1}
 * 2026-03-11: 104 (cust 3, SUL, 1x#11 @50.00 = 50.00, 00:00 local), 105 (cust 2, canceled: not counted)
 *             revenue 50.00, 1 order, customers {3}, SUL 50.00, products {11:1}
 * top_produtos (all time): {11:3, 12:4, 13:1}
 * </pre>
 */
public final class OrderFixtures {
    public static final LocalDate DAY_1 = LocalDate.parse("2026-03-10");
    public static final LocalDate DAY_2 = LocalDate.parse("2026-03-11");

    private OrderFixtures() {
    }

    public static List<OrderEvent> events() {
        return List.of(
                order(101, 1, "2026-03-10T12:00:00Z", "delivered", "SP", "SUDESTE",
                        List.of(new Item(11, 2, money("50.00")), new Item(12, 1, money("19.90")))),
                order(102, 2, "2026-03-10T23:30:00Z", "approved", "BA", "NORDESTE",
                        List.of(new Item(12, 3, money("19.90")))),
                order(103, 1, "2026-03-11T02:59:59Z", "shipped", "SP", "SUDESTE",
                        List.of(new Item(13, 1, money("0.35")))),
                order(104, 3, "2026-03-11T03:00:00Z", "created", "RS", "SUL",
                        List.of(new Item(11, 1, money("50.00")))),
                order(105, 2, "2026-03-11T15:00:00Z", "canceled", "BA", "NORDESTE",
                        List.of(new Item(13, 5, money("0.35")))));
    }

    /** An event whose revenue is the sum of its items, as the simulator publishes it. */
    public static OrderEvent order(long id, long customer, String at, String status, String state, String region,
            List<Item> items) {
        BigDecimal revenue = items.stream().map(i -> i.unitPrice().multiply(BigDecimal.valueOf(i.quantity())))
                .reduce(new BigDecimal("0.00"), BigDecimal::add);
        return new OrderEvent(id, customer, Instant.parse(at), status, state, region, revenue, items);
    }

    public static void publish(RedisDataSource redis, List<OrderEvent> events) {
        events.forEach(e -> redis.stream(String.class).xadd(OrderEvents.STREAM, OrderEvents.toFields(e)));
    }

    /** Empties this module's own Redis logical database (never another one). */
    public static void cleanRedis(RedisDataSource redis) {
        redis.execute("FLUSHDB");
    }

    /** Replaces every commerce row with the customers, products, orders and items of {@code events}. */
    public static void insertIntoPostgres(DataSource dataSource, List<OrderEvent> events) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement truncate = c.createStatement()) {
            truncate.execute("TRUNCATE commerce.order_items, commerce.orders, commerce.customers, "
                    + "commerce.products CASCADE");
        }
        addToPostgres(dataSource, events);
    }

    /**
     * Adds the orders of {@code events} (and their customers and products, unless there) to what is there, each order with its
     * items in one transaction, as the simulator writes them: a rebuild running meanwhile (a heal) must never see an order
     * without its items, or it would record the order as applied with none of its products.
     */
    public static void addToPostgres(DataSource dataSource, List<OrderEvent> events) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement customer = c.prepareStatement("INSERT INTO commerce.customers "
                    + "(id, state, region, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING");
                    PreparedStatement product = c.prepareStatement("INSERT INTO commerce.products (id, name) "
                            + "VALUES (?, ?) ON CONFLICT (id) DO NOTHING");
                    PreparedStatement order = c.prepareStatement("INSERT INTO commerce.orders (id, customer_id, "
                            + "ordered_at, status, item_count, revenue) VALUES (?, ?, ?, ?, ?, ?)");
                    PreparedStatement item = c.prepareStatement("INSERT INTO commerce.order_items (order_id, "
                            + "line_no, product_id, quantity, unit_price) VALUES (?, ?, ?, ?, ?)")) {
                for (OrderEvent e : events) {
                    customer.setLong(1, e.customerId());
                    customer.setString(2, e.state());
                    customer.setString(3, e.region());
                    customer.setTimestamp(4, Timestamp.from(Instant.parse("2026-01-01T00:00:00Z")));
                    customer.executeUpdate();
                    order.setLong(1, e.orderId());
                    order.setLong(2, e.customerId());
                    order.setTimestamp(3, Timestamp.from(e.orderedAt()));
                    order.setString(4, e.status());
                    order.setInt(5, e.items().size());
                    order.setBigDecimal(6, e.revenue());
                    order.executeUpdate();
                    int line = 1;
                    for (Item i : e.items()) {
                        product.setLong(1, i.productId());
                        product.setString(2, "product " + i.productId());
                        product.executeUpdate();
                        item.setLong(1, e.orderId());
                        item.setInt(2, line++);
                        item.setLong(3, i.productId());
                        item.setInt(4, i.quantity());
                        item.setBigDecimal(5, i.unitPrice());
                        item.executeUpdate();
                    }
                    c.commit();
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    private static BigDecimal money(String value) {
        return new BigDecimal(value);
    }
}
