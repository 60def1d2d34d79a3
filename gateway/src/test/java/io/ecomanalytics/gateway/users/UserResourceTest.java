package io.ecomanalytics.gateway.users;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.ecomanalytics.gateway.LoginKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** The admin-only users API: create, list, change role, disable and enable, each audited. */
@QuarkusTest
class UserResourceTest {
    private static final String PASSWORD = "a long passphrase";

    @Inject
    DataSource dataSource;

    @Inject
    RedisDataSource redis;

    private final String admin = TestTokens.forRole(Roles.ADMIN);
    private String name;

    @BeforeEach
    void freshName() {
        LoginKeys.clear(redis);
        name = "ana-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createsAUserWhoCanLogInWithTheirRole() throws SQLException {
        long id = create(name, "analyst").then().statusCode(201)
                .body("username", equalTo(name)).body("role", equalTo("analyst")).body("enabled", equalTo(true))
                .body("$", not(hasKey("passwordHash")))
                .extract().jsonPath().getLong("id");
        login(name, 200).body("role", equalTo("analyst"));
        given().auth().oauth2(admin).get("/api/v1/users").then().statusCode(200)
                .body("username", hasItem(name)).body("find { it.id == " + id + " }.role", equalTo("analyst"));
        assertThat(audits("user.create", "success", name)).isEqualTo(1);
    }

    @Test
    void changesARoleAndDisablesAndEnablesAUser() throws SQLException {
        long id = create(name, "analyst").then().statusCode(201).extract().jsonPath().getLong("id");

        patch(id, "{\"role\":\"viewer\"}").then().statusCode(200).body("role", equalTo("viewer"));
        login(name, 200).body("role", equalTo("viewer"));
        assertThat(audits("user.role", "analyst->viewer", name)).isEqualTo(1);

        patch(id, "{\"enabled\":false}").then().statusCode(200).body("enabled", equalTo(false));
        login(name, 401);
        patch(id, "{\"enabled\":true}").then().statusCode(200).body("enabled", equalTo(true));
        login(name, 200);
        assertThat(audits("user.disable", "success", name)).isEqualTo(1);
        assertThat(audits("user.enable", "success", name)).isEqualTo(1);
    }

    @Test
    void refusesATakenNameInAnyCase() {
        create(name, "viewer").then().statusCode(201);
        create(name.toUpperCase(), "viewer").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void namesTheInvalidField() {
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}").post("/api/v1/users")
                .then().statusCode(400).body("field", equalTo("role"));
        create(name, "superuser").then().statusCode(400).body("field", equalTo("role"));
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"username\":\"" + name + "\",\"password\":\"short\",\"role\":\"viewer\"}")
                .post("/api/v1/users").then().statusCode(400).body("field", equalTo("password"));
        patch(1, "{}").then().statusCode(400).body("field", equalTo("role"));
        patch(999_999, "{\"role\":\"viewer\"}").then().statusCode(404);
        given().auth().oauth2(admin).contentType("application/json")
                .body("{\"username\":\"" + name + "\",\"password\":\"long enough\\u0000\",\"role\":\"viewer\"}")
                .post("/api/v1/users").then().statusCode(400).body("field", equalTo("password"));
    }

    @Test
    void takesOnlyAsciiDigitsAsAUserId() {
        given().auth().oauth2(admin).contentType("application/json").body("{\"role\":\"viewer\"}")
                .patch("/api/v1/users/99999999999999999999").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("id"));
    }

    @Test
    void keepsAnAdminFromDemotingThemselves() {
        long adminId = given().auth().oauth2(admin).get("/api/v1/users").then().statusCode(200).extract().jsonPath()
                .getLong("find { it.username == 'admin' }.id");
        String self = TestTokens.claims("admin", Roles.ADMIN).sign();
        given().auth().oauth2(self).contentType("application/json").body("{\"enabled\":false}")
                .patch("/api/v1/users/" + adminId).then().statusCode(400).body("field", equalTo("enabled"));
    }

    @Test
    void isForAdminsOnly() {
        given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).get("/api/v1/users").then().statusCode(403);
        given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).contentType("application/json")
                .body("{\"username\":\"x\",\"password\":\"" + PASSWORD + "\",\"role\":\"admin\"}")
                .post("/api/v1/users").then().statusCode(403);
        given().get("/api/v1/users").then().statusCode(401);
    }

    private io.restassured.response.Response create(String username, String role) {
        return given().auth().oauth2(admin).contentType("application/json")
                .body("{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"}")
                .post("/api/v1/users");
    }

    private io.restassured.response.Response patch(long id, String body) {
        return given().auth().oauth2(admin).contentType("application/json").body(body).patch("/api/v1/users/" + id);
    }

    private static io.restassured.response.ValidatableResponse login(String username, int status) {
        return given().contentType("application/json")
                .body("{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}").post("/auth/token")
                .then().statusCode(status);
    }

    private long audits(String action, String outcome, String subject) throws SQLException {
        String sql = "SELECT count(*) FROM auth.audit_log WHERE action = ? AND outcome = ? AND subject = ?"
                + " AND actor = 'test-admin'";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, action);
            ps.setString(2, outcome);
            ps.setString(3, subject);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
