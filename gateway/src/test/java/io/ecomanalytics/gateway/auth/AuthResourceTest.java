package io.ecomanalytics.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class AuthResourceTest {
    @Inject
    DataSource dataSource;

    @Test
    void signsAnRs256TokenForTheBootstrapAdmin() {
        String token = given().contentType("application/json")
                .body("{\"username\":\"admin\",\"password\":\"test-admin-password\"}")
                .post("/auth/token").then().statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900))
                .body("role", equalTo("admin"))
                .body("access_token", notNullValue())
                .extract().path("access_token");

        String[] parts = token.split("\\.");
        JsonPath header = JsonPath.from(decode(parts[0]));
        JsonPath claims = JsonPath.from(decode(parts[1]));
        assertThat(header.getString("alg")).isEqualTo("RS256");
        assertThat(claims.getString("iss")).isEqualTo("https://ecommerce-analytics/gateway");
        assertThat(claims.getString("aud")).contains("ecommerce-analytics");
        assertThat(claims.getString("upn")).isEqualTo("admin");
        assertThat(claims.getList("groups", String.class)).containsExactlyInAnyOrder("viewer", "analyst", "admin");
        assertThat(claims.getString("jti")).isNotBlank();
        long now = Instant.now().getEpochSecond();
        assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(900);
        assertThat(claims.getLong("iat")).isBetween(now - 60, now + 5);
    }

    @Test
    void refusesAWrongPasswordAndAuditsIt() throws SQLException {
        long before = countAudit("failure");
        given().contentType("application/json").body("{\"username\":\"admin\",\"password\":\"guess\"}")
                .post("/auth/token").then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", equalTo("unknown user name or wrong password"));
        assertThat(countAudit("failure")).isEqualTo(before + 1);
    }

    @Test
    void refusesAnUnknownUserLikeAWrongPassword() {
        given().contentType("application/json").body("{\"username\":\"nobody\",\"password\":\"guess\"}")
                .post("/auth/token").then().statusCode(401)
                .body("detail", equalTo("unknown user name or wrong password"));
    }

    @Test
    void namesTheMissingField() {
        given().contentType("application/json").body("{\"username\":\"admin\"}")
                .post("/auth/token").then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("password"));
    }

    @Test
    void namesAnUnknownField() {
        given().contentType("application/json").body("{\"username\":\"admin\",\"password\":\"x\",\"role\":\"admin\"}")
                .post("/auth/token").then().statusCode(400)
                .body("field", equalTo("role"));
    }

    @Test
    void refusesABodyThatIsNotJson() {
        given().contentType("application/json").body("{\"username\":")
                .post("/auth/token").then().statusCode(400)
                .contentType("application/problem+json");
    }

    private long countAudit(String outcome) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM auth.audit_log WHERE action = 'login' AND outcome = ?")) {
            ps.setString(1, outcome);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
