package io.ecomanalytics.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.ecomanalytics.gateway.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Every way a token can be wrong is refused at the gateway with 401, before any backend is asked; too small a role is 403. */
@QuarkusTest
class GatewaySecurityTest {
    /** A viewer route served by the (stub) metrics backend. */
    private static final String VIEWER_ROUTE = "/api/v1/metrics/echo";

    @TestHTTPResource("/")
    URL base;

    @Test
    void passesAValidTokenOn() {
        io.restassured.RestAssured.config = io.restassured.RestAssured.config()
                .httpClient(io.restassured.config.HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 5000));
        given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).get(VIEWER_ROUTE).then().statusCode(200)
                .body("uri", equalTo(VIEWER_ROUTE));
    }

    @Test
    void refusesACallWithoutToken() {
        given().get(VIEWER_ROUTE).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer").body("status", equalTo(401));
    }

    @Test
    void refusesMalformedAuthorizationHeaders() {
        given().header("Authorization", "Bearer not.a.jwt").get(VIEWER_ROUTE).then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get(VIEWER_ROUTE).then().statusCode(401);
        given().header("Authorization", "Bearer").get(VIEWER_ROUTE).then().statusCode(401);
    }

    @Test
    void refusesAnUnsignedToken() {
        given().auth().oauth2(TestTokens.unsigned()).get(VIEWER_ROUTE).then().statusCode(401);
    }

    @Test
    void refusesAnHs256TokenSignedWithThePublicKey() {
        String publicKey = ConfigProvider.getConfig().getValue("mp.jwt.verify.publickey", String.class);
        String forged = TestTokens.claims("mallory", Roles.ADMIN).jws().algorithm(
                io.smallrye.jwt.algorithm.SignatureAlgorithm.HS256).signWithSecret(publicKey);
        given().auth().oauth2(forged).get(VIEWER_ROUTE).then().statusCode(401);
    }

    @Test
    void refusesAnExpiredToken() {
        given().auth().oauth2(TestTokens.expired(Roles.VIEWER)).get(VIEWER_ROUTE).then().statusCode(401);
    }

    @Test
    void refusesATokenNotYetValid() {
        long inAnHour = Instant.now().plusSeconds(3600).getEpochSecond();
        String notBefore = TestTokens.claims("test-viewer", Roles.VIEWER).claim("nbf", inAnHour).sign();
        given().auth().oauth2(notBefore).get(VIEWER_ROUTE).then().statusCode(401);

        Instant future = Instant.now().plusSeconds(3600);
        String issuedLater = TestTokens.claims("test-viewer", Roles.VIEWER).issuedAt(future)
                .expiresAt(future.plusSeconds(300)).sign();
        given().auth().oauth2(issuedLater).get(VIEWER_ROUTE).then().statusCode(401);
    }

    @Test
    void refusesAWrongIssuer() {
        given().auth().oauth2(TestTokens.withIssuer(Roles.VIEWER, "https://evil.example")).get(VIEWER_ROUTE).then()
                .statusCode(401);
    }

    @Test
    void refusesAWrongAudience() {
        String token = TestTokens.claims("test-viewer", Roles.VIEWER).audience("another-platform").sign();
        given().auth().oauth2(token).get(VIEWER_ROUTE).then().statusCode(401);
    }

    @Test
    void refusesATamperedPayload() {
        given().auth().oauth2(TestTokens.tampered()).get("/api/v1/simulations").then().statusCode(401);
    }

    @Test
    void forbidsAViewerOnAdminRoutes() {
        for (String path : new String[]{"/api/v1/simulations", "/api/v1/metrics/info", "/api/v1/users",
                "/api/v1/imports/olist", "/api/v1/data-quality/report"}) {
            given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).get(path).then().statusCode(403)
                    .contentType("application/problem+json").body("detail", containsString("'admin'"));
        }
        given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).contentType("application/json").body("{}")
                .post("/api/v1/metrics/rebuild").then().statusCode(403);
    }

    @Test
    void forbidsAViewerOnAnalystRoutesAndCsvExports() {
        String viewer = TestTokens.forRole(Roles.VIEWER);
        given().auth().oauth2(viewer).get("/api/v1/analytics/forecast/revenue").then().statusCode(403);
        given().auth().oauth2(viewer).accept("text/csv").get("/api/v1/analytics/financial/summary").then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).get("/api/v1/analytics/forecast/revenue").then()
                .statusCode(200);
    }

    @Test
    void letsAnAdminThroughEveryClass() {
        given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).get("/api/v1/analytics/info").then().statusCode(200)
                .body("uri", equalTo("/api/v1/analytics/info"));
    }

    @Test
    void refusesTheMatrixSuffixThatWalkedAroundTheRoleTable() {
        // the rule table matched "reconcile;x=1" as a viewer read while the backend served reconcile
        RawHttp.Answer answer = RawHttp.send(base, "GET", "/api/v1/metrics/reconcile;x=1?date=2024-01-02",
                Map.of("Authorization", "Bearer " + TestTokens.forRole(Roles.VIEWER)), null);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(JsonPath.from(answer.body()).getString("detail")).contains("matrix parameters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/metrics/reconcile%3Bx=1", "/api/v1/%6detrics/reconcile", "/api/v1//users",
            "/api/v1/metrics/../users", "/api/v1/metrics/./reconcile", "/api/v1/users/",
            "/api/v1/METRICS/reconcile", "/api/v1/metrics/Reconcile", "/auth/token/", "/auth/./token"})
    void refusesEveryPathThatIsNotCanonicalWith400(String path) {
        // (a backslash or a control character never gets here: Vert.x's decoder refuses the request line itself)
        RawHttp.Answer answer = RawHttp.send(base, "GET", path,
                Map.of("Authorization", "Bearer " + TestTokens.forRole(Roles.ADMIN)), null);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(JsonPath.from(answer.body()).getString("detail")).contains("path");
    }

    @Test
    void refusesANonAsciiUserId() {
        RawHttp.Answer answer = RawHttp.send(base, "GET", "/api/v1/users/\u0661",
                Map.of("Authorization", "Bearer " + TestTokens.forRole(Roles.ADMIN)), null);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(JsonPath.from(answer.body()).getString("detail")).contains("non-ASCII");
    }

    @Test
    void forwardsExactlyThePathItJudged() {
        given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).get("/api/v1/metrics/reconcile?date=2024-01-02")
                .then().statusCode(200).body("uri", equalTo("/api/v1/metrics/reconcile?date=2024-01-02"));
        given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).get("/api/v1/metrics/reconcile").then()
                .statusCode(403).body("detail", containsString("'analyst'"));
    }

    @Test
    void givesAnalystsTheRoutesTheirBackendsGiveThem() {
        String analyst = TestTokens.forRole(Roles.ANALYST);
        given().auth().oauth2(analyst).get("/api/v1/analytics/customers/42/ltv").then().statusCode(200)
                .body("uri", equalTo("/api/v1/analytics/customers/42/ltv"));
        given().auth().oauth2(analyst).get("/api/v1/reports/monthly").then().statusCode(200)
                .body("uri", equalTo("/api/v1/reports/monthly"));
        given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).get("/api/v1/analytics/customers/42/ltv").then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).get("/api/v1/reports/monthly").then()
                .statusCode(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?format=csv", "?format=XLSX", "?FORMAT=pdf", "?format=%63sv", "?x=1&format=json&format=csv"})
    void forbidsAViewerAnExportAskedForByFormat(String query) {
        RawHttp.Answer answer = RawHttp.send(base, "GET", "/api/v1/analytics/financial/summary" + query,
                Map.of("Authorization", "Bearer " + TestTokens.forRole(Roles.VIEWER)), null);
        assertThat(answer.status()).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TEXT/CSV", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/pdf;q=0.9", "text/*"})
    void forbidsAViewerAnExportAskedForByAccept(String accept) {
        given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).header("Accept", accept)
                .get("/api/v1/analytics/financial/summary").then().statusCode(403);
    }

    @Test
    void readsEveryAcceptHeaderNotOnlyTheFirst() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + TestTokens.forRole(Roles.VIEWER));
        // the first header decides nothing (no JSON, no file): the second's CSV makes it an export
        headers.put("Accept", "image/png");
        headers.put("accept", "text/csv");
        assertThat(RawHttp.send(base, "GET", "/api/v1/analytics/financial/summary", headers, null).status())
                .isEqualTo(403);
    }

    @Test
    void answersAnUnknownServiceWith404() {
        given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).get("/api/v1/nothing/here").then().statusCode(404)
                .contentType("application/problem+json");
    }

}
