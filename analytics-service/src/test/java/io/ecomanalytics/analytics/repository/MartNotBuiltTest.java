package io.ecomanalytics.analytics.repository;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.analytics.SalesFixture;
import io.ecomanalytics.analytics.Writer;
import io.ecomanalytics.contracts.config.StoreSettings;
import io.ecomanalytics.contracts.mart.SalesMartRefresh;
import io.ecomanalytics.contracts.problem.Problem;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A database whose mart no writer has built yet (a new one, or one of before the writers kept it): analytics says so at once
 * with a 503 instead of building it or waiting, and answers what does not read the mart.
 */
@QuarkusTest
class MartNotBuiltTest {
    private static final String SUMMARY = "/api/v1/analytics/financial/summary?from=2024-01-01&to=2024-06-30";

    @Inject
    @Writer
    DataSource writer;

    @Inject
    @io.quarkus.agroal.DataSource("primary")
    DataSource primary;

    @Inject
    StoreSettings store;

    @BeforeEach
    void loadFixture() throws SQLException {
        SalesFixture.load(writer);
    }

    @AfterEach
    void buildTheMart() throws SQLException {
        execute("INSERT INTO commerce.mart_changes VALUES (NULL)");
        SalesMartRefresh.refresh(primary, store.zone(), Duration.ofMinutes(1));
    }

    @Test
    void saysTheMartIsNotBuiltYet() throws SQLException {
        execute("DELETE FROM commerce.mart_state");
        given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).get(SUMMARY).then().statusCode(503)
                .contentType(Problem.MEDIA_TYPE).body("detail", containsString("has not been built yet"));
        // an answer that does not read the mart is computed, with no data version to tag it with
        given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).get("/api/v1/analytics/anomalies/orders").then()
                .statusCode(200).header("ETag", nullValue()).body("dataAsOf", nullValue());
    }

    @Test
    void refusesAMartBuiltForAnotherStoreZone() throws SQLException {
        execute("UPDATE commerce.mart_state SET zone = 'UTC'");
        given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).get(SUMMARY).then().statusCode(503)
                .contentType(Problem.MEDIA_TYPE).body("detail", containsString("counts days in UTC"));
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = primary.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
