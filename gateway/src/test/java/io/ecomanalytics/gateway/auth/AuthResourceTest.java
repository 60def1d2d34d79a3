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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.gateway.LoginKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class AuthResourceTest {
    @Inject
    DataSource dataSource;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void forgetFailedLogins() {
        LoginKeys.clear(redis);
    }

    @Test
    void issuesARefreshTokenThatRotates() {
        String first = login().getString("refresh_token");
        assertThat(first).hasSizeGreaterThanOrEqualTo(43);

        JsonPath rotated = refresh(first, 200);
        assertThat(rotated.getString("access_token")).isNotBlank();
        assertThat(rotated.getString("role")).isEqualTo("admin");
        String second = rotated.getString("refresh_token");
        assertThat(second).isNotEqualTo(first);

        assertThat(refresh(second, 200).getString("refresh_token")).isNotIn(first, second);
    }

    @Test
    void storesRefreshTokensOnlyHashed() throws SQLException {
        String token = login().getString("refresh_token");
        assertThat(count("SELECT count(*) FROM auth.refresh_tokens WHERE token_hash = ?", token)).isZero();
        assertThat(count("SELECT count(*) FROM auth.refresh_tokens WHERE token_hash = ?", AuthService.hash(token)))
                .isEqualTo(1);
        assertThat(AuthService.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void reuseOfARotatedTokenRevokesTheWholeFamily() throws SQLException {
        long reusesBefore = count("SELECT count(*) FROM auth.audit_log WHERE action = 'refresh' AND outcome = ?",
                "reuse");
        String first = login().getString("refresh_token");
        String second = refresh(first, 200).getString("refresh_token");

        // the old token comes back (stolen?): refused, and the legitimate successor dies with it
        refresh(first, 401);
        refresh(second, 401);
        assertThat(count("SELECT count(*) FROM auth.audit_log WHERE action = 'refresh' AND outcome = ?", "reuse"))
                .isEqualTo(reusesBefore + 1);
    }

    @Test
    void logoutRevokesTheFamily() {
        String first = login().getString("refresh_token");
        String second = refresh(first, 200).getString("refresh_token");
        given().contentType("application/json").body("{\"refresh_token\":\"" + second + "\"}")
                .post("/auth/logout").then().statusCode(204);
        refresh(second, 401);
    }

    @Test
    void refusesAnUnknownRefreshToken() {
        given().contentType("application/json").body("{\"refresh_token\":\"made-up\"}").post("/auth/refresh")
                .then().statusCode(401).contentType("application/problem+json")
                .body("field", equalTo("refresh_token"));
    }

    private static JsonPath login() {
        return given().contentType("application/json")
                .body("{\"username\":\"admin\",\"password\":\"test-admin-password\"}")
                .post("/auth/token").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath refresh(String token, int status) {
        return given().contentType("application/json").body("{\"refresh_token\":\"" + token + "\"}")
                .post("/auth/refresh").then().statusCode(status).extract().jsonPath();
    }

    private long count(String sql, String arg) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

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
    void refusesControlCharactersNamingTheField() {
        // a NUL user name used to reach PostgreSQL, which refuses NUL in text: 500
        given().contentType("application/json").body("{\"username\":\"\\u0000\",\"password\":\"x\"}")
                .post("/auth/token").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("username"));
        given().contentType("application/json").body("{\"username\":\"admin\",\"password\":\"a\\nb\"}")
                .post("/auth/token").then().statusCode(400).body("field", equalTo("password"));
        given().contentType("application/json").body("{\"refresh_token\":\"\\u0000\"}").post("/auth/refresh").then()
                .statusCode(400).contentType("application/problem+json");
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
        return count("SELECT count(*) FROM auth.audit_log WHERE action = 'login' AND outcome = ?", outcome);
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
