package io.ecomanalytics.analytics.ltv;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.analytics.Writer;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class LtvResourceTest {
    private static final String PATH = "/api/v1/analytics/customers/ltv";

    @Inject
    @Writer
    DataSource dataSource;

    /**
     * Customers 1-200: customer k buys 1 + k % 5 times, from 1 January 2023 + k days, every 10 + k % 20 days, for 20 + k % 30
     * (+1 per later order). Customer 201 buys once; customer 202 only has a canceled order. Each account opens with its first
     * purchase, so every customer is seen from the start.
     */
    @BeforeEach
    void histories() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE commerce.customers, commerce.orders, commerce.products CASCADE");
            st.execute("INSERT INTO commerce.customers (id, state, region, created_at)"
                    + " SELECT k, 'SP', 'SUDESTE', '2022-01-01T00:00:00Z' FROM generate_series(1, 202) k");
            st.execute("INSERT INTO commerce.orders (customer_id, ordered_at, status, revenue)"
                    + " SELECT k, TIMESTAMPTZ '2023-01-01T15:00:00Z' + (k + j * (10 + k % 20)) * INTERVAL '1 day',"
                    + " 'delivered', 20 + k % 30 + j FROM generate_series(1, 200) k, generate_series(0, 4) j"
                    + " WHERE j <= k % 5");
            st.execute("INSERT INTO commerce.orders (customer_id, ordered_at, status, revenue) VALUES"
                    + " (201, '2023-06-01T15:00:00Z', 'delivered', 40), (202, '2023-06-01T15:00:00Z', 'canceled', 40)");
            st.execute("UPDATE commerce.customers c SET created_at = f.first FROM (SELECT customer_id, min(ordered_at) AS first"
                    + " FROM commerce.orders GROUP BY customer_id) f WHERE f.customer_id = c.id");
        }
    }

    private static RequestSpecification analyst() {
        return given().auth().oauth2(TestTokens.forRole(Roles.ANALYST));
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void reportsModelHoldoutCohortsAndAPageOfCustomers() throws SQLException {
        // the holdout counts the later purchases of the customers who had bought by the cut-off (26 weeks before the end)
        String cut = "(SELECT max(ordered_at) FROM commerce.orders WHERE status = 'delivered') - INTERVAL '26 weeks'";
        long holdout = count("SELECT count(*) FROM commerce.orders o WHERE status = 'delivered' AND ordered_at > " + cut
                + " AND EXISTS (SELECT 1 FROM commerce.orders e WHERE e.customer_id = o.customer_id AND e.status ="
                + " 'delivered' AND e.ordered_at <= " + cut + ")");
        long calibrationCustomers = count("SELECT count(DISTINCT customer_id) FROM commerce.orders WHERE status ="
                + " 'delivered' AND ordered_at <= " + cut);

        String body = analyst().get(PATH + "?months=12&size=10").then().statusCode(200)
                .body("months", equalTo(12))
                .body("monthlyDiscountRate", equalTo(0.01f))
                .body("customers", equalTo(201))
                .body("parameters.customersFitted", equalTo(201))
                .body("parameters.customersBeforeHistory", equalTo(0))
                .body("parameters.r", notNullValue())
                .body("parameters.gamma", notNullValue())
                .body("holdout.weeks", equalTo(26))
                .body("holdout.actualPurchases", equalTo((int) holdout))
                .body("holdout.customers", equalTo((int) calibrationCustomers))
                .body("rows", hasSize(10))
                .extract().asString();

        JsonPath json = JsonPath.from(body);
        // cohorts are months of first purchase: customers 1-30 start in January 2023 (days 1-30), 201 in June
        assertThat(json.getInt("cohorts[0].customers")).isEqualTo(30);
        assertThat(json.getString("cohorts[0].cohort")).isEqualTo("2023-01");
        assertThat(json.getList("cohorts.customers", Integer.class).stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(201);
        List<BigDecimal> clv = json.getList("rows.clv", BigDecimal.class);
        assertThat(clv).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(json.getDouble("holdout.predictedPurchases")).isPositive();
    }

    @Test
    void summarisesCustomersBySegmentAsTheRfmEndpointSegmentsThem() {
        // independent check: each customer's segment from customers/rfm (whole history), each customer's CLV and P(alive)
        // from this report's rows; the summary must be their count, mean and total per segment, in the segment map's order
        JsonPath rfm = JsonPath.from(given().auth().oauth2(TestTokens.forRole(Roles.ANALYST))
                .get("/api/v1/analytics/customers/rfm?size=500").then().statusCode(200).extract().asString());
        Map<Long, String> segmentOf = new HashMap<>();
        List<Map<String, Object>> persons = rfm.getList("customers");
        persons.forEach(p -> segmentOf.put(Long.parseLong((String) p.get("customerKey")), (String) p.get("segment")));
        JsonPath ltv = JsonPath.from(analyst().get(PATH + "?size=500").then().statusCode(200).extract().asString());
        Map<String, List<Map<String, Object>>> bySegment = new HashMap<>();
        List<Map<String, Object>> rows = ltv.getList("rows");
        assertThat(rows).hasSize(201);
        rows.forEach(r -> bySegment.computeIfAbsent(segmentOf.get(((Number) r.get("customerId")).longValue()),
                k -> new ArrayList<>()).add(r));

        List<Map<String, Object>> summary = ltv.getList("segments");
        assertThat(summary).extracting(s -> s.get("segment")).containsExactly("champions", "loyal",
                "potential_loyalist", "new", "promising", "need_attention", "about_to_sleep", "at_risk", "cant_lose", "lost",
                "hibernating");
        for (Map<String, Object> s : summary) {
            List<Map<String, Object>> members = bySegment.getOrDefault((String) s.get("segment"), List.of());
            assertThat(((Number) s.get("customers")).intValue()).as("%s customers", s.get("segment"))
                    .isEqualTo(members.size());
            BigDecimal total = members.stream().map(r -> new BigDecimal(r.get("clv").toString()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(new BigDecimal(s.get("totalClv").toString())).as("%s total", s.get("segment"))
                    .isEqualByComparingTo(total);
            if (members.isEmpty()) {
                assertThat(s.get("meanClv")).isNull();
                assertThat(s.get("meanProbabilityAlive")).isNull();
            } else {
                assertThat(((Number) s.get("meanClv")).doubleValue()).as("%s mean", s.get("segment"))
                        .isCloseTo(total.doubleValue() / members.size(), within(0.006));
                double alive = members.stream().mapToDouble(r -> ((Number) r.get("probabilityAlive")).doubleValue())
                        .average().orElseThrow();
                assertThat(((Number) s.get("meanProbabilityAlive")).doubleValue()).isCloseTo(alive, within(6e-5));
            }
        }
        assertThat(summary.stream().mapToInt(s -> ((Number) s.get("customers")).intValue()).sum()).isEqualTo(201);
        assertThat(bySegment.size()).as("segments with customers").isGreaterThan(3);
    }

    @Test
    void valuesOneCustomer() {
        // a single purchase: no repeat yet, so BG/NBD cannot have seen a drop-out (P(alive) = 1) and the spend model
        // falls back to the population mean
        analyst().get("/api/v1/analytics/customers/201/ltv?months=6").then().statusCode(200)
                .body("customerId", equalTo(201))
                .body("cohort", equalTo("2023-06"))
                .body("repeatPurchases", equalTo(0))
                .body("recencyWeeks", equalTo(0.0f))
                .body("probabilityAlive", equalTo(1.0f));
    }

    @Test
    void refitsWhenOrdersChange() throws SQLException {
        analyst().get("/api/v1/analytics/customers/201/ltv").then().statusCode(200).body("repeatPurchases", equalTo(0));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO commerce.orders (customer_id, ordered_at, status, revenue)"
                    + " VALUES (201, '2023-07-01T15:00:00Z', 'delivered', 50)");
        }
        analyst().get("/api/v1/analytics/customers/201/ltv").then().statusCode(200).body("repeatPurchases", equalTo(1))
                .body("averageRepeatSpend", equalTo(50.0f));
    }

    @Test
    void leavesCustomersWhoBoughtBeforeTheDataBeganOutOfTheFit() throws SQLException {
        // customer 5's account dates from 2020, before the first order in the data (2 January 2023): their earlier
        // purchases are unseen, so the fit and the holdout check leave them out, and they are still valued
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("UPDATE commerce.customers SET created_at = '2020-01-01T00:00:00Z' WHERE id = 5");
        }
        long calibrationCustomers = count("SELECT count(DISTINCT customer_id) FROM commerce.orders WHERE status ="
                + " 'delivered' AND customer_id <> 5 AND ordered_at <= (SELECT max(ordered_at) FROM commerce.orders"
                + " WHERE status = 'delivered') - INTERVAL '26 weeks'");

        analyst().get(PATH).then().statusCode(200)
                .body("customers", equalTo(201))
                .body("parameters.customersFitted", equalTo(200))
                .body("parameters.customersBeforeHistory", equalTo(1))
                .body("holdout.customers", equalTo((int) calibrationCustomers));
        analyst().get("/api/v1/analytics/customers/5/ltv").then().statusCode(200).body("customerId", equalTo(5));
    }

    @Test
    void countsCustomerRowsOfOnePersonAsOneAndLeavesGuestsOut() throws SQLException {
        // Olist's shape: rows 301 and 302 are one person (one unique id), each row with one order - a repeat buyer; row 303
        // is a guest (an imported invoice without a customer id): no person, left out and counted
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO commerce.customers (id, unique_external_id, segment, state, region, created_at) VALUES"
                    + " (301, 'person-a', NULL, 'SP', 'SUDESTE', '2023-03-01T15:00:00Z'),"
                    + " (302, 'person-a', NULL, 'SP', 'SUDESTE', '2023-05-01T15:00:00Z'),"
                    + " (303, 'guest:C1', 'guest', 'SP', 'SUDESTE', '2023-04-01T15:00:00Z')");
            st.execute("INSERT INTO commerce.orders (customer_id, ordered_at, status, revenue) VALUES"
                    + " (301, '2023-03-01T15:00:00Z', 'delivered', 30), (302, '2023-05-01T15:00:00Z', 'delivered', 70),"
                    + " (303, '2023-04-01T15:00:00Z', 'delivered', 90)");
        }
        JsonPath json = JsonPath.from(analyst().get(PATH + "?size=500").then().statusCode(200)
                .body("customers", equalTo(202))
                .body("guests", equalTo(1))
                .body("parameters.customersFitted", equalTo(202))
                .body("rows", hasSize(202))
                .extract().asString());
        assertThat(json.getList("rows.customerId", Long.class)).contains(301L).doesNotContain(302L, 303L);
        // the person: two sales, so one repeat purchase worth 70, 61 days (8.7143 weeks) apart, first bought in March
        analyst().get("/api/v1/analytics/customers/302/ltv").then().statusCode(200)
                .body("customerId", equalTo(301))
                .body("cohort", equalTo("2023-03"))
                .body("repeatPurchases", equalTo(1))
                .body("recencyWeeks", equalTo(8.7143f))
                .body("averageRepeatSpend", equalTo(70.0f));
        analyst().get("/api/v1/analytics/customers/303/ltv").then().statusCode(404);
    }

    @Test
    void fitsTheSalesOfTheFilter() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("UPDATE commerce.customers SET state = 'RJ' WHERE id <= 150");
        }
        String rj = "SELECT count(DISTINCT o.customer_id) FROM commerce.orders o JOIN commerce.customers c"
                + " ON c.id = o.customer_id WHERE o.status = 'delivered' AND c.state = 'RJ'";
        analyst().get(PATH + "?state=RJ&size=500").then().statusCode(200)
                .body("customers", equalTo((int) count(rj)))
                .body("customers", equalTo(150))
                .body("rows.customerId.max()", equalTo(150))
                .body("parameters.customersBeforeHistory", equalTo(0));
        // from a later day on, a customer whose first sale lies before it is seen late: fitted on no more, still valued
        String inScope = "o.status = 'delivered' AND o.ordered_at >= '2023-03-01T03:00:00Z'";
        long customers = count("SELECT count(DISTINCT customer_id) FROM commerce.orders o WHERE " + inScope);
        long late = count("SELECT count(*) FROM (SELECT customer_id FROM commerce.orders o WHERE " + inScope
                + " GROUP BY customer_id) s WHERE (SELECT min(ordered_at) FROM commerce.orders e WHERE e.customer_id ="
                + " s.customer_id AND e.status = 'delivered') < (SELECT min(ordered_at) FROM commerce.orders o WHERE "
                + inScope + ")");
        assertThat(late).isPositive();
        analyst().get(PATH + "?from=2023-03-01").then().statusCode(200)
                .body("customers", equalTo((int) customers))
                .body("parameters.customersBeforeHistory", equalTo((int) late))
                .body("parameters.customersFitted", equalTo((int) (customers - late)));
        // a file of the filter is named by it
        analyst().get(PATH + "?state=RJ&format=csv").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"lifetime-value_RJ.csv\"");
    }

    @Test
    void answersAnEmptyPeriodWithZerosAndEmptyLists() {
        analyst().get(PATH + "?from=2030-01-01&to=2030-12-31").then().statusCode(200)
                .body("customers", equalTo(0))
                .body("guests", equalTo(0))
                .body("parameters", org.hamcrest.Matchers.nullValue())
                .body("holdout", org.hamcrest.Matchers.nullValue())
                .body("totals.clv", equalTo(0.0f))
                .body("rows", hasSize(0))
                .body("cohorts", hasSize(0))
                .body("segments", hasSize(11))
                .body("segments.customers", org.hamcrest.Matchers.everyItem(equalTo(0)));
        analyst().get(PATH + "?from=2030-01-01&to=2030-12-31&format=xlsx").then().statusCode(200);
        analyst().get(PATH + "?from=2030-01-01&to=2030-12-31&format=pdf").then().statusCode(200);
    }

    @Test
    void answers404ForACustomerWithoutValidOrders() {
        analyst().get("/api/v1/analytics/customers/202/ltv").then().statusCode(404);
        analyst().get("/api/v1/analytics/customers/99999/ltv").then().statusCode(404);
    }

    @Test
    void namesTheInvalidParameter() {
        analyst().get(PATH + "?months=0").then().statusCode(400).body("field", equalTo("months"));
        analyst().get(PATH + "?size=0").then().statusCode(400).body("field", equalTo("size"));
        analyst().get(PATH + "?page=-1").then().statusCode(400).body("field", equalTo("page"));
        analyst().get("/api/v1/analytics/customers/abc/ltv").then().statusCode(400).body("field", equalTo("id"));
        analyst().get(PATH + "?from=2023-02-30").then().statusCode(400).body("field", equalTo("from"))
                .contentType("application/problem+json");
        analyst().get(PATH + "?from=2023-05-01&to=2023-04-01").then().statusCode(400).body("field", equalTo("from"));
        analyst().get(PATH + "?state=XX").then().statusCode(400).body("field", equalTo("state"));
        analyst().get(PATH + "?months=6&months=12").then().statusCode(400).body("field", equalTo("months"));
        analyst().get("/api/v1/analytics/customers/1/ltv?size=5").then().statusCode(400).body("field", equalTo("size"));
    }

    @Test
    void isForAnalysts() {
        given().get(PATH).then().statusCode(401);
        given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).get(PATH).then().statusCode(403);
        given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).get("/api/v1/analytics/customers/1/ltv").then()
                .statusCode(403);
    }

    @Test
    void exportsEveryCustomerWithTheModelSheets() {
        JsonPath json = analyst().get(PATH + "?size=5").then().statusCode(200).extract().jsonPath();
        java.util.Map<String, List<List<Object>>> book = io.ecomanalytics.analytics.export.ExportFiles
                .sheets(analyst().get(PATH + "?size=5&format=xlsx").then().statusCode(200)
                        .header("Content-Disposition", "attachment; filename=\"lifetime-value.xlsx\"").extract()
                        .asByteArray());
        org.assertj.core.api.Assertions.assertThat(book).containsOnlyKeys("customers", "model", "holdout", "cohorts",
                "segments");
        List<List<Object>> customers = book.get("customers");
        // header and every customer (not the page of five), highest value first as in the JSON page
        org.assertj.core.api.Assertions.assertThat(customers).hasSize(1 + json.getInt("customers"));
        for (int i = 0; i < 5; i++) {
            org.assertj.core.api.Assertions.assertThat(customers.get(1 + i).get(0))
                    .isEqualTo(json.getDouble("rows[" + i + "].customerId"));
            org.assertj.core.api.Assertions.assertThat(customers.get(1 + i).get(9))
                    .isEqualTo(json.getDouble("rows[" + i + "].clv"));
        }
        org.assertj.core.api.Assertions.assertThat(book.get("model").get(1).get(5)).isEqualTo(json.getDouble("parameters.r"));
        org.assertj.core.api.Assertions.assertThat(book.get("holdout").get(2).get(4))
                .isEqualTo(json.getDouble("holdout.actualPurchases"));
        String pdf = io.ecomanalytics.analytics.export.ExportFiles.pdfText(
                analyst().get(PATH + "?months=6&format=pdf").then().statusCode(200)
                        .header("Content-Disposition", "attachment; filename=\"lifetime-value_6.pdf\"").extract()
                        .asByteArray());
        org.assertj.core.api.Assertions.assertThat(pdf).contains("Customer lifetime value over 6 months", "Holdout check");
        long id = json.getLong("rows[0].customerId");
        String csv = analyst().get("/api/v1/analytics/customers/" + id + "/ltv?format=csv").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"customer-lifetime-value.csv\"").extract()
                .asString();
        org.assertj.core.api.Assertions.assertThat(csv.split("\r\n")[1]).startsWith(id + ",")
                .endsWith("," + new BigDecimal(json.getString("rows[0].clv")).setScale(2).toPlainString());
    }
}
