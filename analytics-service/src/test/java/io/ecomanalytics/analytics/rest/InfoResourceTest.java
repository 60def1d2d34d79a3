package io.ecomanalytics.analytics.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.ecomanalytics.analytics.Writer;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.ProtectedEndpointContract;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class InfoResourceTest extends ProtectedEndpointContract {
    @Inject
    @Writer
    DataSource dataSource;

    @Override
    protected String adminPath() {
        return "/api/v1/analytics/info";
    }

    @Test
    void reportsThePeriodTheOrdersCover() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE commerce.customers, commerce.orders CASCADE");
            st.execute("INSERT INTO commerce.customers (id, state, region, created_at)"
                    + " VALUES (1, 'SP', 'SUDESTE', '2024-01-01T00:00:00Z')");
            st.execute("INSERT INTO commerce.orders (customer_id, ordered_at, status, revenue) VALUES"
                    + " (1, '2024-01-05T10:00:00Z', 'delivered', 10), (1, '2024-03-01T12:30:00Z', 'delivered', 20),"
                    + " (1, '2024-02-01T09:00:00Z', 'canceled', 5)");
        }
        String body = given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).get(adminPath()).then().statusCode(200)
                .body("service", equalTo("analytics-service"))
                .body("data.orders", equalTo(3))
                .extract().asString();
        JsonPath json = JsonPath.from(body);
        assertThat(OffsetDateTime.parse(json.getString("data.firstOrderAt")).toInstant()).hasToString("2024-01-05T10:00:00Z");
        assertThat(OffsetDateTime.parse(json.getString("data.lastOrderAt")).toInstant()).hasToString("2024-03-01T12:30:00Z");
    }
}
