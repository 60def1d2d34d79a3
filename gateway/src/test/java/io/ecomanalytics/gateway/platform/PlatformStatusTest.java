package io.ecomanalytics.gateway.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.ecomanalytics.gateway.StubBackends;
import io.quarkus.test.junit.QuarkusTest;

/** The admin's status page asks every (stub) backend's readiness and version, and says which one does not answer. */
@QuarkusTest
class PlatformStatusTest {
    private static final String STATUS = "/api/v1/platform/status";

    @Test
    void showsEveryBackendReadyWithItsChecksAndVersion() {
        given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).get(STATUS).then().statusCode(200)
                .body("ready", equalTo(true)).body("gatewayVersion", notNullValue())
                .body("backends.name", hasItems("analytics", "metrics", "simulator"))
                .body("backends.ready", everyItem(equalTo(true))).body("backends.version", everyItem(equalTo("1")))
                .body("backends[0].checks[0].name", equalTo("stub check"));
    }

    @Test
    void saysWhichBackendDoesNotAnswer() {
        StubBackends.stopSimulator();
        try {
            given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).get(STATUS).then().statusCode(200)
                    .body("ready", equalTo(false))
                    .body("backends.find { it.name == 'simulator' }.ready", equalTo(false))
                    .body("backends.find { it.name == 'simulator' }.error", containsString("no answer"))
                    .body("backends.find { it.name == 'analytics' }.ready", equalTo(true));
        } finally {
            StubBackends.startSimulator();
        }
    }

    @Test
    void isForAdminsOnly() {
        given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).get(STATUS).then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("admin"));
    }
}
