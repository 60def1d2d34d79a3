package io.ecomanalytics.analytics.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.analytics.Writer;
import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.contracts.geo.BrazilianState;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AnomalyRepositoryTest {
    private static final SalesFilter EVERYTHING = new SalesFilter(null, null, null, null, null);

    @Inject
    @Writer
    DataSource dataSource;

    @Inject
    AnomalyRepository repository;

    /**
     * Products 1 (items at 10, 10, 12: median 10) and 3 (items at 100, 100: median 100; there is no product 2). Customer 1 (SP,
     * account opened 2024-01-01 00:00 UTC) orders at 2024-03-01 12:00 UTC (order 1), 2024-03-02 12:00 (2: exactly 24 h later)
     * and 2024-03-04 12:00 (3: 48 h after 2); customer 2 (AC, account opened 2024-03-10 02:00 UTC) at 2024-03-10 03:00 (4).
     * Order 1: 2 x product 1 at 10 and 1 x product 3 at 100, freight 30; order 2: 1 x product 1 at 12, freight 8; order 3: 5 x
     * product 3 at 100, freight 0; order 4: 1 x product 1 at 10 and 1 x product 3 at 100.
     */
    @BeforeEach
    void orders() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE commerce.customers, commerce.orders, commerce.products CASCADE");
            st.execute("INSERT INTO commerce.products (id, category, unit_price) VALUES (1, 'toys', 10), (3, 'toys', 100)");
            st.execute("INSERT INTO commerce.customers (id, state, region, created_at) VALUES"
                    + " (1, 'SP', 'SUDESTE', '2024-01-01T00:00:00Z'), (2, 'AC', 'NORTE', '2024-03-10T02:00:00Z')");
            st.execute("INSERT INTO commerce.orders (id, customer_id, ordered_at, status, item_count, revenue, freight) VALUES"
                    + " (1, 1, '2024-03-01T12:00:00Z', 'delivered', 3, 120, 30),"
                    + " (2, 1, '2024-03-02T12:00:00Z', 'canceled', 1, 12, 8),"
                    + " (3, 1, '2024-03-04T12:00:00Z', 'delivered', 5, 500, 0),"
                    + " (4, 2, '2024-03-10T03:00:00Z', 'approved', 2, 110, 0)");
            st.execute("INSERT INTO commerce.order_items (order_id, line_no, product_id, quantity, unit_price) VALUES"
                    + " (1, 1, 1, 2, 10), (1, 2, 3, 1, 100), (2, 1, 1, 1, 12), (3, 1, 3, 5, 100), (4, 1, 1, 1, 10),"
                    + " (4, 2, 3, 1, 100)");
        }
    }

    private Map<Long, AnomalyRepository.OrderRow> stream(SalesFilter range) {
        List<AnomalyRepository.OrderRow> rows = new ArrayList<>();
        repository.stream(range, lookups(range), rows::add);
        return rows.stream().collect(Collectors.toMap(AnomalyRepository.OrderRow::orderId, Function.identity()));
    }

    private AnomalyRepository.Lookups lookups(SalesFilter range) {
        return new AnomalyRepository.Lookups(repository.medians(), repository.neighbours(range), repository.customers());
    }

    @Test
    void mediansAreIndexedByProductIdWithZeroInTheGaps() {
        AnomalyRepository.Medians medians = repository.medians();

        assertThat(medians.firstId()).isEqualTo(1);
        assertThat(medians.byProduct()).containsExactly(10, 0, 100);
    }

    @Test
    void buildsEveryFeatureOfEveryOrder() {
        Map<Long, AnomalyRepository.OrderRow> rows = stream(EVERYTHING);

        assertThat(rows).hasSize(4);
        AnomalyRepository.OrderRow first = rows.get(1L);
        assertThat(first.customerId()).isEqualTo(1);
        assertThat(first.total()).isEqualTo(120);
        assertThat(first.units()).isEqualTo(3);
        assertThat(first.maxQuantity()).isEqualTo(2);
        assertThat(first.priceDeviation()).isZero();
        // order 2, exactly 24 h later, is inside the window; order 3, 72 h later, is not
        assertThat(first.ordersWithin24h()).isEqualTo(1);
        // 2024-01-01 00:00 to 2024-03-01 12:00 UTC: 31 + 29 days + 12 h = 60.5 days
        assertThat(first.accountAgeDays()).isCloseTo(60.5, within(1e-9));
        // 12:00 UTC is 09:00 in São Paulo (UTC-3)
        assertThat(first.hour()).isEqualTo(9);
        assertThat(first.state()).isEqualTo("SP");
        // freight / (revenue + freight) = 30 / 150
        assertThat(first.freightShare()).isCloseTo(0.2, within(1e-12));

        // a canceled order is screened too; |12 / 10 - 1| = 0.2, and order 1 is 24 h before it
        AnomalyRepository.OrderRow second = rows.get(2L);
        assertThat(second.priceDeviation()).isCloseTo(0.2, within(1e-12));
        assertThat(second.ordersWithin24h()).isEqualTo(1);
        assertThat(second.freightShare()).isCloseTo(8.0 / 20, within(1e-12));

        AnomalyRepository.OrderRow third = rows.get(3L);
        assertThat(third.maxQuantity()).isEqualTo(5);
        assertThat(third.ordersWithin24h()).isZero();
        assertThat(third.freightShare()).isZero();

        // 03:00 UTC is 00:00 in São Paulo; the account is an hour old
        AnomalyRepository.OrderRow fourth = rows.get(4L);
        assertThat(fourth.hour()).isZero();
        assertThat(fourth.accountAgeDays()).isCloseTo(1 / 24.0, within(1e-9));
        assertThat(fourth.state()).isEqualTo("AC");
        assertThat(fourth.ordersWithin24h()).isZero();
    }

    @Test
    void aRangeKeepsItsOrdersAndTheirNeighboursInside() {
        // 2 March in São Paulo: only order 2; order 1 is outside the range, so the window no longer sees it
        Map<Long, AnomalyRepository.OrderRow> rows = stream(
                new SalesFilter(LocalDate.of(2024, 3, 2), LocalDate.of(2024, 3, 2), null, null, null));

        assertThat(rows.keySet()).containsExactly(2L);
        assertThat(rows.get(2L).ordersWithin24h()).isZero();
        assertThat(rows.get(2L).priceDeviation()).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void aStateKeepsItsCustomersOrdersWithTheSameFeatures() {
        Map<Long, AnomalyRepository.OrderRow> all = stream(EVERYTHING);

        Map<Long, AnomalyRepository.OrderRow> rows = stream(new SalesFilter(null, null, BrazilianState.AC, null, null));

        // only customer 2 lives in AC: order 4, built as over every order (its lines' medians are still the whole store's)
        assertThat(rows.keySet()).containsExactly(4L);
        assertThat(rows.get(4L)).isEqualTo(all.get(4L));
    }

    @Test
    void leavesOutTheOrdersOfACustomerOpenedAfterTheCustomersWereRead() throws SQLException {
        AnomalyRepository.Lookups before = lookups(EVERYTHING);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO commerce.customers (id, state, region, created_at) VALUES"
                    + " (3, 'RR', 'NORTE', '2024-03-11T00:00:00Z')");
            st.execute("INSERT INTO commerce.orders (id, customer_id, ordered_at, status, item_count, revenue, freight) VALUES"
                    + " (5, 3, '2024-03-11T06:00:00Z', 'delivered', 1, 10, 0)");
        }
        List<Long> seen = new ArrayList<>();
        repository.stream(EVERYTHING, before, row -> seen.add(row.orderId()));

        // customer 3's state and opening are not in the lookups: its order waits for the next screen
        assertThat(seen).containsExactly(1L, 2L, 3L, 4L);
        AnomalyRepository.OrderRow fifth = stream(EVERYTHING).get(5L);
        assertThat(fifth.state()).isEqualTo("RR");
        assertThat(fifth.accountAgeDays()).isCloseTo(0.25, within(1e-9));
        assertThat(fifth.maxQuantity()).isZero(); // no items
    }

    @Test
    void theSampleTakesWholeCustomersWithTheSameFeatures() {
        Map<Long, AnomalyRepository.OrderRow> all = stream(EVERYTHING);

        List<AnomalyRepository.OrderRow> sample = repository.sample(EVERYTHING, lookups(EVERYTHING), 10, 4);

        // 10 wanted of 4: every customer is in, in id order, each row as the stream builds it
        assertThat(sample).extracting(AnomalyRepository.OrderRow::orderId).containsExactly(1L, 2L, 3L, 4L);
        sample.forEach(row -> assertThat(row).isEqualTo(all.get(row.orderId())));
    }
}
