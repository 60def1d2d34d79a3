package io.ecomanalytics.simulator.repository;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** The live stream's reads (who can buy what) and its one-order-per-transaction inserts. */
@ApplicationScoped
public class LiveOrderRepository {
    /** A customer who can place a live order. */
    public record Buyer(long id, String state, String region) {
    }

    /** A product on sale, with its list price and cost in cents. */
    public record Offer(long id, long priceCents, long costCents) {
    }

    /** One line of a live order. */
    public record Line(long productId, int quantity, long unitPriceCents, long unitCostCents, long freightCents) {
    }

    /** A live order to insert; its sums are computed here from the lines, as for batch loads. */
    public record NewOrder(long customerId, Instant orderedAt, String status, String channel, String paymentType,
            Instant estimatedDeliveryAt, List<Line> lines) {
        public long revenueCents() {
            return lines.stream().mapToLong(l -> l.unitPriceCents() * l.quantity()).sum();
        }
    }

    private final DataSource dataSource;

    public LiveOrderRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Up to {@code limit} customers drawn at random. */
    public List<Buyer> sampleBuyers(int limit) {
        List<Buyer> buyers = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT id, state, region FROM commerce.customers WHERE state IS NOT NULL AND region IS NOT NULL"
                                + " ORDER BY random() LIMIT ?")) {
            st.setInt(1, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    buyers.add(new Buyer(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
            return buyers;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read customers", e);
        }
    }

    /** Up to {@code limit} products still on sale that have a price, drawn at random. */
    public List<Offer> sampleOffers(int limit) {
        List<Offer> offers = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "SELECT id, unit_price, unit_cost FROM commerce.products WHERE unit_price IS NOT NULL"
                                + " AND unit_cost IS NOT NULL AND (discontinued_at IS NULL OR discontinued_at > now())"
                                + " ORDER BY random() LIMIT ?")) {
            st.setInt(1, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    offers.add(new Offer(rs.getLong(1), cents(rs.getBigDecimal(2)), cents(rs.getBigDecimal(3))));
                }
            }
            return offers;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read products", e);
        }
    }

    /** Inserts the order, its items and its payment in one transaction; returns the order id. */
    public long insert(NewOrder order) {
        long revenue = order.revenueCents();
        long cost = order.lines().stream().mapToLong(l -> l.unitCostCents() * l.quantity()).sum();
        long freight = order.lines().stream().mapToLong(Line::freightCents).sum();
        int itemCount = order.lines().stream().mapToInt(Line::quantity).sum();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long id;
                try (PreparedStatement st = c.prepareStatement("INSERT INTO commerce.orders (customer_id, ordered_at,"
                        + " status, approved_at, estimated_delivery_at, channel, item_count, revenue, cost, freight)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                    Timestamp at = Timestamp.from(order.orderedAt());
                    st.setLong(1, order.customerId());
                    st.setTimestamp(2, at);
                    st.setString(3, order.status());
                    st.setTimestamp(4, at);
                    st.setTimestamp(5, Timestamp.from(order.estimatedDeliveryAt()));
                    st.setString(6, order.channel());
                    st.setInt(7, itemCount);
                    st.setBigDecimal(8, money(revenue));
                    st.setBigDecimal(9, money(cost));
                    st.setBigDecimal(10, money(freight));
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                }
                try (PreparedStatement st = c.prepareStatement("INSERT INTO commerce.order_items (order_id, line_no,"
                        + " product_id, quantity, unit_price, unit_cost, freight) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    int lineNo = 1;
                    for (Line line : order.lines()) {
                        st.setLong(1, id);
                        st.setInt(2, lineNo++);
                        st.setLong(3, line.productId());
                        st.setInt(4, line.quantity());
                        st.setBigDecimal(5, money(line.unitPriceCents()));
                        st.setBigDecimal(6, money(line.unitCostCents()));
                        st.setBigDecimal(7, money(line.freightCents()));
                        st.addBatch();
                    }
                    st.executeBatch();
                }
                try (PreparedStatement st = c.prepareStatement(
                        "INSERT INTO commerce.payments (order_id, seq, type, installments, amount) VALUES (?, 1, ?, 1, ?)")) {
                    st.setLong(1, id);
                    st.setString(2, order.paymentType());
                    st.setBigDecimal(3, money(revenue + freight));
                    st.executeUpdate();
                }
                c.commit();
                return id;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot insert live order", e);
        }
    }

    public static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    private static long cents(BigDecimal value) {
        return value.movePointRight(2).longValueExact();
    }
}
