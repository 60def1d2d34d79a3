package io.ecomanalytics.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.ecomanalytics.gateway.LoginKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Access tokens stop working at the gateway after logout, refresh-token reuse, disabling and a role change, and a revocation
 * made at another replica (written to Redis) reaches this one. Only the waiting is bounded generously; nothing asserts how fast
 * it was.
 */
@QuarkusTest
class RevocationTest {
    private static final String PASSWORD = "a long passphrase";
    private static final String VIEWER_ROUTE = "/api/v1/metrics/echo";
    private static final Duration AT_MOST = Duration.ofSeconds(10);

    @Inject
    RedisDataSource redis;

    private final String admin = TestTokens.forRole(Roles.ADMIN);

    @BeforeEach
    void forgetFailedLogins() {
        LoginKeys.clear(redis);
    }

    @Test
    void logoutEndsTheSessionsAccessTokens() {
        String user = createUser(Roles.VIEWER);
        JsonPath first = login(user);
        JsonPath other = login(createUser(Roles.VIEWER));
        status(first.getString("access_token"), 200);

        given().contentType("application/json").body("{\"refresh_token\":\"" + first.getString("refresh_token") + "\"}")
                .post("/auth/logout").then().statusCode(204);
        awaitRefused(first.getString("access_token"));
        given().auth().oauth2(first.getString("access_token")).get(VIEWER_ROUTE).then()
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer")
                .body("detail", containsString("revoked"));
        // a new login of the same user, and another user's session, are not touched
        status(login(user).getString("access_token"), 200);
        status(other.getString("access_token"), 200);
    }

    @Test
    void reuseOfARefreshTokenEndsTheSessionsAccessTokens() {
        JsonPath first = login(createUser(Roles.VIEWER));
        JsonPath second = refresh(first.getString("refresh_token"), 200);
        status(second.getString("access_token"), 200);
        refresh(first.getString("refresh_token"), 401);
        awaitRefused(second.getString("access_token"));
    }

    @Test
    void disablingAUserEndsTheirAccessTokens() {
        String user = createUser(Roles.VIEWER);
        long id = idOf(user);
        String token = login(user).getString("access_token");
        String other = login(createUser(Roles.VIEWER)).getString("access_token");
        status(token, 200);

        patch(id, "{\"enabled\":false}");
        awaitRefused(token);
        status(other, 200);
        patch(id, "{\"enabled\":true}");
        status(login(user).getString("access_token"), 200);
    }

    @Test
    void aRoleChangeEndsTheAccessTokensOfTheOldRoleButNotTheSession() {
        String user = createUser(Roles.ANALYST);
        JsonPath session = login(user);
        status(session.getString("access_token"), 200);

        patch(idOf(user), "{\"role\":\"viewer\"}");
        awaitRefused(session.getString("access_token"));
        // the session's refresh token goes on, with a token of the new role and version
        JsonPath renewed = refresh(session.getString("refresh_token"), 200);
        assertThat(renewed.getString("role")).isEqualTo(Roles.VIEWER);
        status(renewed.getString("access_token"), 200);
        given().auth().oauth2(renewed.getString("access_token")).get("/api/v1/analytics/forecast/revenue").then()
                .statusCode(403);
    }

    @Test
    void copiesARevocationMadeAtAnotherReplica() {
        String token = login(createUser(Roles.VIEWER)).getString("access_token");
        status(token, 200);
        // what another replica's logout writes
        long until = System.currentTimeMillis() + Duration.ofMinutes(16).toMillis();
        redis.execute("ZADD", Revocations.ENTRIES, Long.toString(until), "s:" + claim(token, TokenService.SESSION));
        redis.execute("INCR", Revocations.VERSION);
        awaitRefused(token);
    }

    @Test
    void fillsARedisThatLostTheRevocationsFromTheDatabase() {
        JsonPath session = login(createUser(Roles.VIEWER));
        given().contentType("application/json").body("{\"refresh_token\":\"" + session.getString("refresh_token") + "\"}")
                .post("/auth/logout").then().statusCode(204);
        String member = "s:" + claim(session.getString("access_token"), TokenService.SESSION);

        redis.execute("DEL", Revocations.ENTRIES, Revocations.VERSION);
        await().atMost(AT_MOST).pollInterval(Duration.ofMillis(50))
                .until(() -> redis.execute("ZSCORE", Revocations.ENTRIES, member) != null);
        assertThat(redis.execute("GET", Revocations.VERSION)).isNotNull();
        status(session.getString("access_token"), 401);
    }

    private static void awaitRefused(String token) {
        await().atMost(AT_MOST).pollInterval(Duration.ofMillis(50))
                .until(() -> given().auth().oauth2(token).get(VIEWER_ROUTE).statusCode() == 401);
    }

    private static void status(String token, int status) {
        given().auth().oauth2(token).get(VIEWER_ROUTE).then().statusCode(status);
    }

    private String createUser(String role) {
        String name = "rv-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"}")
                .post("/api/v1/users").then().statusCode(201);
        return name;
    }

    private long idOf(String user) {
        return given().auth().oauth2(admin).get("/api/v1/users").then().statusCode(200).extract().jsonPath()
                .getLong("find { it.username == '" + user + "' }.id");
    }

    private void patch(long id, String body) {
        given().auth().oauth2(admin).contentType("application/json").body(body).patch("/api/v1/users/" + id).then()
                .statusCode(200);
    }

    private static JsonPath login(String user) {
        return given().contentType("application/json")
                .body("{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}").post("/auth/token").then()
                .statusCode(200).extract().jsonPath();
    }

    private static JsonPath refresh(String token, int status) {
        return given().contentType("application/json").body("{\"refresh_token\":\"" + token + "\"}")
                .post("/auth/refresh").then().statusCode(status).extract().jsonPath();
    }

    private static String claim(String token, String name) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return JsonPath.from(payload).getString(name);
    }
}
