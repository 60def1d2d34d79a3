package io.ecomanalytics.simulator.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.events.OrderEvent;
import io.ecomanalytics.contracts.events.OrderEvents;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.ecomanalytics.simulator.model.Run;
import io.ecomanalytics.simulator.model.SimulationRequest;
import io.ecomanalytics.simulator.service.SimulationService;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class OrderStreamResourceTest {
    private static final String PATH = "/api/v1/streams/orders";

    @Inject
    SimulationService simulations;
    @Inject
    DataSource dataSource;
    @Inject
    RedisDataSource redis;

    private static String admin() {
        return TestTokens.forRole(Roles.ADMIN);
    }

    @Test
    void placesOrdersAndPublishesEachAsAnOrderEvent() throws SQLException {
        Run run = simulations.runHere(new SimulationRequest(1, 100, 20, LocalDate.of(2025, 1, 1), 5L, 0.0, "default",
                0.15, null, true), (phase, percent) -> {
                });
        assertThat(run.status()).isEqualTo(Run.COMPLETED);
        redis.key().del(OrderEvents.STREAM);
        long before = count("SELECT max(id) FROM commerce.orders");

        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"ordersPerSecond\": 20, \"durationSeconds\": 60}").post(PATH).then().statusCode(202)
                .body("running", equalTo(true)).body("ordersPerSecond", equalTo(20));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"ordersPerSecond\": 20, \"durationSeconds\": 1}").post(PATH).then().statusCode(409);
        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(admin()).get(PATH)
                .<Integer>path("eventsPublished") >= 10);
        given().auth().oauth2(admin()).delete(PATH).then().statusCode(200).body("running", equalTo(false));

        int inserted = given().auth().oauth2(admin()).get(PATH).path("ordersInserted");
        given().auth().oauth2(admin()).get(PATH).then().body("eventsPublished", equalTo(inserted))
                .body("publishFailures", equalTo(0));
        assertThat(inserted).isGreaterThanOrEqualTo(10);
        assertThat(count("SELECT count(*) FROM commerce.orders WHERE id > " + before)).isEqualTo(inserted);
        List<OrderEvent> events = redis.stream(String.class).xrange(OrderEvents.STREAM, StreamRange.of("-", "+"))
                .stream().map(m -> OrderEvents.fromFields(m.payload())).toList();
        assertThat(events).hasSize(inserted);
        for (OrderEvent event : events) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement st = c.prepareStatement(
                            "SELECT o.customer_id, o.revenue, c.state, c.region, o.item_count FROM commerce.orders o"
                                    + " JOIN commerce.customers c ON c.id = o.customer_id WHERE o.id = ?")) {
                st.setLong(1, event.orderId());
                try (ResultSet rs = st.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(event.customerId()).isEqualTo(rs.getLong(1));
                    assertThat(event.revenue()).isEqualTo(rs.getBigDecimal(2));
                    assertThat(event.state()).isEqualTo(rs.getString(3));
                    assertThat(event.region()).isEqualTo(rs.getString(4));
                    assertThat(event.items().stream().mapToInt(OrderEvent.Item::quantity).sum()).isEqualTo(rs.getInt(5));
                    assertThat(event.items().stream()
                            .map(i -> i.unitPrice().multiply(BigDecimal.valueOf(i.quantity())))
                            .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualTo(rs.getBigDecimal(2));
                }
            }
        }
    }

    @Test
    void placesExactlyRateTimesDurationOrders() throws SQLException {
        Run run = simulations.runHere(new SimulationRequest(1, 100, 20, LocalDate.of(2025, 1, 1), 6L, 0.0, "default",
                0.15, 0, true), (phase, percent) -> {
                });
        assertThat(run.status()).isEqualTo(Run.COMPLETED);
        redis.key().del(OrderEvents.STREAM);
        long before = count("SELECT max(id) FROM commerce.orders");
        long martVersion = count("SELECT version FROM commerce.mart_state");

        // 25/s for 2 s: the 50th tick falls due exactly at the end, where it used to race the end and add a 51st order
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"ordersPerSecond\": 25, \"durationSeconds\": 2}").post(PATH).then().statusCode(202);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !given().auth().oauth2(admin()).get(PATH).<Boolean>path("running"));

        given().auth().oauth2(admin()).get(PATH).then().body("ordersInserted", equalTo(50))
                .body("insertFailures", equalTo(0)).body("eventsPublished", equalTo(50));
        assertThat(count("SELECT count(*) FROM commerce.orders WHERE id > " + before)).isEqualTo(50);
        assertThat(redis.stream(String.class).xlen(OrderEvents.STREAM)).isEqualTo(50);
        // the sales mart takes the live orders in right after they commit, without a reader asking
        await().atMost(Duration.ofSeconds(60))
                .until(() -> count("SELECT count(*) FROM commerce.mart_orders WHERE order_id > " + before) == 50);
        assertThat(count("SELECT version FROM commerce.mart_state")).isGreaterThan(martVersion);
    }

    @Test
    void refusesToStreamFromAnEmptyStore() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE commerce.payments, commerce.order_items, commerce.reviews, commerce.orders,"
                    + " commerce.customers, commerce.products");
        }
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"ordersPerSecond\": 5, \"durationSeconds\": 1}").post(PATH).then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void validatesTheRateAndDuration() {
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"ordersPerSecond\": 0, \"durationSeconds\": 10}").post(PATH).then().statusCode(400)
                .body("field", equalTo("ordersPerSecond"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"ordersPerSecond\": 5}").post(PATH).then()
                .statusCode(400).body("field", equalTo("durationSeconds"));
    }

    @Test
    void isForAdminsOnly() {
        given().get(PATH).then().statusCode(401);
        given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).get(PATH).then().statusCode(403);
        given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).contentType(ContentType.JSON)
                .body("{\"ordersPerSecond\": 5, \"durationSeconds\": 1}").post(PATH).then().statusCode(403);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
