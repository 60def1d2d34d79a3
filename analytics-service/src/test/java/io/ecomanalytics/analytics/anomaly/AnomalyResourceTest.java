package io.ecomanalytics.analytics.anomaly;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.either;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.analytics.Writer;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class AnomalyResourceTest {
    private static final String PATH = "/api/v1/analytics/anomalies/orders";

    @Inject
    @Writer
    DataSource dataSource;

    /**
     * 400 ordinary orders (ids 1-400) of 50 customers in São Paulo, eight a day from 1 March 2024 between 10:00 and 17:00 local
     * time, one line of one or two units at 45-55; and three planted frauds (ids 1001-1003, customers 51-53) on 20 April at
     * 03:00 local from accounts an hour old in Acre, 20 units at 150.
     */
    @BeforeEach
    void orders() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE commerce.customers, commerce.orders, commerce.products CASCADE");
            st.execute("INSERT INTO commerce.products (id, category, unit_price) SELECT p, 'toys', 50"
                    + " FROM generate_series(1, 5) p");
            st.execute("INSERT INTO commerce.customers (id, state, region, created_at)"
                    + " SELECT k, 'SP', 'SUDESTE', '2023-01-01T00:00:00Z' FROM generate_series(1, 50) k");
            st.execute("INSERT INTO commerce.customers (id, state, region, created_at)"
                    + " SELECT k, 'AC', 'NORTE', '2024-04-20T05:00:00Z' FROM generate_series(51, 53) k");
            st.execute("INSERT INTO commerce.orders (id, customer_id, ordered_at, status, item_count, revenue, freight)"
                    + " SELECT i, i % 50 + 1, TIMESTAMPTZ '2024-03-01T13:00:00Z' + (i / 8) * INTERVAL '1 day'"
                    + " + (i % 8) * INTERVAL '1 hour', 'delivered', 1, (1 + i % 2) * (45 + i % 11), 10"
                    + " FROM generate_series(1, 400) i");
            st.execute("INSERT INTO commerce.order_items (order_id, line_no, product_id, quantity, unit_price)"
                    + " SELECT i, 1, i % 5 + 1, 1 + i % 2, 45 + i % 11 FROM generate_series(1, 400) i");
            st.execute("INSERT INTO commerce.orders (id, customer_id, ordered_at, status, item_count, revenue, freight,"
                    + " is_simulated_fraud) SELECT 950 + k, k, '2024-04-20T06:00:00Z', 'approved', 1, 3000, 10, true"
                    + " FROM generate_series(51, 53) k");
            st.execute("INSERT INTO commerce.order_items (order_id, line_no, product_id, quantity, unit_price)"
                    + " SELECT 950 + k, 1, 1, 20, 150 FROM generate_series(51, 53) k");
        }
    }

    private static RequestSpecification analyst() {
        return given().auth().oauth2(TestTokens.forRole(Roles.ANALYST));
    }

    @Test
    void isolationForestRanksThePlantedFraudFirst() {
        analyst().get(PATH + "?limit=3").then().statusCode(200)
                .body("method", equalTo("isolation-forest"))
                .body("ordersScored", equalTo(403))
                .body("trainingOrders", equalTo(403))
                .body("orders.orderId", containsInAnyOrder(1001, 1002, 1003))
                .body("orders.customerId", containsInAnyOrder(51, 52, 53))
                .body("orders[0].total", equalTo(3000.0f))
                .body("orders[0].standouts", hasSize(3))
                .body("evaluation.labelledFraud", equalTo(3))
                .body("evaluation.rocAuc", equalTo(1.0f))
                .body("evaluation.averagePrecision", equalTo(1.0f))
                .body("evaluation.prevalence", equalTo(0.0074f));
    }

    @Test
    void explainsAnOrderByItsMostUnusualFeatures() {
        // a group of 3 among 403 that differs from all others on a feature sits sqrt((1 - 3/403) / (3/403)) = sqrt(400/3)
        // = 11.547 standard deviations out on it (a little less where the others vary: account age, from 425 to 475 days);
        // the planted orders differ so on total, quantity, price, state rarity, hour rarity and account age (below)
        analyst().get(PATH + "?limit=1").then().statusCode(200)
                .body("orders[0].standouts.z", everyItem(either(greaterThan(11.0f)).or(lessThan(-11.0f))))
                .body("orders[0].standouts.z", everyItem(both(lessThan(11.548f)).and(greaterThan(-11.548f))))
                .body("orders[0].standouts.name", everyItem(in(List.of("total", "maxQuantity", "priceDeviation",
                        "stateRarity", "hourRarity", "accountAgeDays"))));
    }

    @Test
    void oneClassSvmScoresEveryOrder() {
        analyst().get(PATH + "?limit=5&method=one-class-svm").then().statusCode(200)
                .body("method", equalTo("one-class-svm"))
                .body("ordersScored", equalTo(403))
                .body("orders", hasSize(5))
                .body("orders.orderId", hasItem(1001))
                .body("evaluation.labelledFraud", equalTo(3));
    }

    @Test
    void scoresOnlyTheRequestedDays() {
        // orders i = 1..79 fall on 1-10 March (day i / 8); the frauds are in April
        analyst().get(PATH + "?from=2024-03-01&to=2024-03-10&limit=10").then().statusCode(200)
                .body("ordersScored", equalTo(79))
                .body("orders", hasSize(10))
                .body("evaluation", nullValue());
    }

    @Test
    void screensOnlyTheCustomersOfAStateOrRegion() {
        // the three planted frauds are the only orders of customers in Acre (region norte): nothing to rank them against
        analyst().get(PATH + "?state=AC&limit=3").then().statusCode(200)
                .body("ordersScored", equalTo(3))
                .body("orders.orderId", containsInAnyOrder(1001, 1002, 1003))
                .body("evaluation", nullValue());
        analyst().get(PATH + "?region=sudeste&limit=3").then().statusCode(200)
                .body("ordersScored", equalTo(400))
                .body("evaluation", nullValue());
    }

    @Test
    void screensTheOrdersHoldingAnItemOfTheCategory() throws SQLException {
        // product 5 becomes a book: orders i with i % 5 = 4 (80 of the 400) hold it; the frauds hold product 1, a toy
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("UPDATE commerce.products SET category = 'books' WHERE id = 5");
        }
        analyst().get(PATH + "?category=books&limit=5").then().statusCode(200)
                .body("ordersScored", equalTo(80))
                .body("orders.orderId", everyItem(in(java.util.stream.IntStream.rangeClosed(1, 400)
                        .filter(i -> i % 5 == 4).boxed().toList())));
        analyst().get(PATH + "?category=toys&limit=3").then().statusCode(200)
                .body("ordersScored", equalTo(323))
                .body("orders.orderId", containsInAnyOrder(1001, 1002, 1003));
        analyst().get(PATH + "?category=garden").then().statusCode(200)
                .body("ordersScored", equalTo(0))
                .body("orders", hasSize(0))
                .body("nextCursor", nullValue());
    }

    @Test
    void pagesThroughTheWholeRankingWithACursor() {
        // one page of all 403 orders, and the same ranking walked 150 at a time: 150 + 150 + 103, the last without a cursor
        List<Integer> whole = analyst().get(PATH + "?limit=1000").then().statusCode(200)
                .body("nextCursor", nullValue()).extract().jsonPath().getList("orders.orderId", Integer.class);
        assertThat(whole).hasSize(403).doesNotHaveDuplicates();
        List<Integer> walked = new java.util.ArrayList<>();
        String after = null;
        List<Integer> sizes = new java.util.ArrayList<>();
        do {
            io.restassured.path.json.JsonPath page = analyst()
                    .get(PATH + "?limit=150" + (after == null ? "" : "&after=" + after))
                    .then().statusCode(200).body("ordersScored", equalTo(403)).extract().jsonPath();
            List<Integer> ids = page.getList("orders.orderId", Integer.class);
            walked.addAll(ids);
            sizes.add(ids.size());
            after = page.getString("nextCursor");
        } while (after != null);
        assertThat(sizes).containsExactly(150, 150, 103);
        assertThat(walked).isEqualTo(whole);
    }

    @Test
    void namesTheInvalidParameter() {
        analyst().get(PATH + "?limit=0").then().statusCode(400).body("field", equalTo("limit"));
        analyst().get(PATH + "?limit=100000").then().statusCode(400).body("field", equalTo("limit"));
        analyst().get(PATH + "?method=lof").then().statusCode(400).body("field", equalTo("method"));
        analyst().get(PATH + "?to=yesterday").then().statusCode(400).body("field", equalTo("to"));
        analyst().get(PATH + "?state=XX").then().statusCode(400).body("field", equalTo("state"));
        analyst().get(PATH + "?limt=5").then().statusCode(400).body("field", equalTo("limt"))
                .contentType("application/problem+json");
        analyst().get(PATH + "?after=abc").then().statusCode(400).body("field", equalTo("after"));
        analyst().get(PATH + "?after=12.7ff0000000000000").then().statusCode(400).body("field", equalTo("after"));
    }

    @Test
    void isForAnalysts() {
        given().get(PATH).then().statusCode(401);
        given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).get(PATH).then().statusCode(403);
    }
}
