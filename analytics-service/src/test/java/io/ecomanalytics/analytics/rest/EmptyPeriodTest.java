package io.ecomanalytics.analytics.rest;

import static io.ecomanalytics.analytics.rest.AnalyticsCalls.as;
import static io.ecomanalytics.analytics.rest.AnalyticsCalls.num;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.ecomanalytics.contracts.security.Roles;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A period without a single sale (the store has sales, just not then) is an ordinary question: 200 with zeros and empty lists,
 * never a division by zero (issue 17: {@code customers/rfm} and {@code rfm/segments} answered 500 on 2099-06-01).
 */
@QuarkusTest
class EmptyPeriodTest extends SalesFixtureTest {
    private static final String EMPTY = "?from=2099-06-01&to=2099-06-01";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"financial/summary", "financial/timeseries", "financial/timeseries&granularity=month",
            "cohorts/retention", "cohorts/retention&granularity=week", "customers/rfm", "customers/rfm&segment=champions",
            "customers/rfm/segments", "products/top", "products/lifecycle", "products/combinations", "geo/regions",
            "geo/states"})
    void answersAnEmptyPeriodWithZeros(String analytic) {
        String[] parts = analytic.split("&", 2);
        as(Roles.VIEWER).get("/api/v1/analytics/" + parts[0] + EMPTY + (parts.length > 1 ? "&" + parts[1] : "")).then()
                .statusCode(200);
    }

    /** Without Olist-style unique ids persons are customer rows, scored on another path of the RFM query. */
    @ParameterizedTest(name = "{0}{1}")
    @CsvSource(delimiter = '|', value = {"customers/rfm | ''", "customers/rfm | &segment=lost",
            "customers/rfm | &sort=customer", "customers/rfm/segments | ''"})
    void scoresNobodyInAnEmptyPeriodWhenPersonsAreCustomerRows(String analytic, String extra) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("UPDATE commerce.customers SET unique_external_id = NULL");
        }
        as(Roles.VIEWER).get("/api/v1/analytics/" + analytic + EMPTY + extra).then().statusCode(200);
    }

    @Test
    void summarisesAnEmptyPeriodAsZeros() {
        as(Roles.VIEWER).get("/api/v1/analytics/financial/summary" + EMPTY).then().statusCode(200)
                .body("current.orders", equalTo(0)).body("current.revenue", num("0"))
                .body("current.uniqueCustomers", equalTo(0));
    }

    @Test
    void scoresNobodyInAnEmptyPeriod() {
        as(Roles.VIEWER).get("/api/v1/analytics/customers/rfm" + EMPTY).then().statusCode(200)
                .body("total", equalTo(0)).body("customers", empty());
        as(Roles.VIEWER).get("/api/v1/analytics/customers/rfm/segments" + EMPTY).then().statusCode(200)
                .body("customers", equalTo(0)).body("segments", hasSize(11))
                .body("segments.customers", everyItem(equalTo(0)));
    }

    @Test
    void screensNoOrdersAndForecastsNothingInAnEmptyPeriod() {
        as(Roles.ANALYST).get("/api/v1/analytics/anomalies/orders" + EMPTY).then().statusCode(200)
                .body("orders", empty());
        // a forecast needs history: too little of it is the documented 422, not a failure
        as(Roles.ANALYST).get("/api/v1/analytics/forecast/revenue" + EMPTY).then().statusCode(422);
    }
}
