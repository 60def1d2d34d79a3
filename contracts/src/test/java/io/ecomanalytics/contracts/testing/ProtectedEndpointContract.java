package io.ecomanalytics.contracts.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.security.Roles;

/**
 * What every admin-only endpoint of every service must do with tokens. A service's test extends it, names the endpoint, and
 * adds its own assertions on the body.
 */
public abstract class ProtectedEndpointContract {

    /** The path of a GET endpoint that only admins may call. */
    protected abstract String adminPath();

    @Test
    void answersAnAdminToken() {
        given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).get(adminPath()).then().statusCode(200);
    }

    @Test
    void refusesACallWithoutToken() {
        given().get(adminPath()).then().statusCode(401);
    }

    @Test
    void refusesAMalformedAuthorizationHeader() {
        given().header("Authorization", "Bearer not.a.jwt").get(adminPath()).then().statusCode(401);
        given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get(adminPath()).then().statusCode(401);
    }

    @Test
    void refusesATamperedToken() {
        given().auth().oauth2(TestTokens.tampered()).get(adminPath()).then().statusCode(401);
    }

    @Test
    void refusesAnUnsignedToken() {
        given().auth().oauth2(TestTokens.unsigned()).get(adminPath()).then().statusCode(401);
    }

    @Test
    void refusesAnExpiredToken() {
        given().auth().oauth2(TestTokens.expired(Roles.ADMIN)).get(adminPath()).then().statusCode(401);
    }

    @Test
    void refusesATokenFromAnotherIssuer() {
        given().auth().oauth2(TestTokens.withIssuer(Roles.ADMIN, "https://evil.example")).get(adminPath()).then()
                .statusCode(401);
    }

    @Test
    void forbidsRolesBelowAdmin() {
        given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).get(adminPath()).then().statusCode(403);
        given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).get(adminPath()).then().statusCode(403);
    }

    @Test
    void returnsTheCallersRequestId() {
        given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).header("X-Request-Id", "test-42").get(adminPath())
                .then().header("X-Request-Id", equalTo("test-42"));
    }
}
