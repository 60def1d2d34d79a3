package io.ecomanalytics.simulator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.ProtectedEndpointContract;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class InfoResourceTest extends ProtectedEndpointContract {
    @Inject
    DataSource dataSource;

    @Override
    protected String adminPath() {
        return "/api/v1/simulator/info";
    }

    @Test
    void countsRunsByStatus() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM commerce.runs");
            st.execute("INSERT INTO commerce.runs (id, kind, status) VALUES"
                    + " (gen_random_uuid(), 'simulation', 'COMPLETED'), (gen_random_uuid(), 'simulation', 'COMPLETED'),"
                    + " (gen_random_uuid(), 'import', 'FAILED')");
        }
        given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).get(adminPath()).then().statusCode(200)
                .body("service", equalTo("simulator-service"))
                .body("caller.name", equalTo("test-admin"))
                .body("runsByStatus.COMPLETED", equalTo(2))
                .body("runsByStatus.FAILED", equalTo(1));
    }
}
