package io.ecomanalytics.gateway.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.ecomanalytics.gateway.StubBackends;
import io.quarkus.test.junit.QuarkusTest;

/** One OpenAPI document: the gateway's routes and every (stub) backend's, with the bearer scheme, shown by Swagger UI. */
@QuarkusTest
class MergedOpenApiTest {

    @Test
    void mergesTheBackendsDocumentsIntoTheGatewaysOwn() {
        given().get("/openapi").then().statusCode(200).contentType("application/json")
                .body("openapi", startsWith("3."))
                .body("paths", hasKey("/auth/token"))
                .body("paths", hasKey("/auth/refresh"))
                .body("paths", hasKey("/api/v1/users"))
                .body("paths", hasKey("/api/v1/metrics/echo"))
                .body("paths.'/auth/token'.post.security", empty())
                .body("security[0]", hasKey("jwt"))
                .body("components.securitySchemes.jwt.scheme", equalTo("bearer"))
                .body("components.securitySchemes", not(hasKey("SecurityScheme")))
                .body("servers", nullValue())
                .body("info.x-missing-backends", nullValue());
    }

    @Test
    void prefixesAComponentWhoseNameIsTaken() {
        given().get("/openapi").then().statusCode(200)
                // the gateway keeps its own TokenResponse; the backend's is renamed and its references follow
                .body("components.schemas.TokenResponse.properties", hasKey("access_token"))
                .body("components.schemas.AnalyticsTokenResponse.properties", hasKey("stub"))
                .body("paths.'/api/v1/metrics/echo'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/AnalyticsTokenResponse"));
    }

    @Test
    void leavesOutABackendThatIsDownAndSaysSo() {
        StubBackends.stopSimulator();
        try {
            given().get("/openapi").then().statusCode(200)
                    .body("info.x-missing-backends", hasSize(1))
                    .body("info.x-missing-backends[0]", startsWith("simulator"))
                    .body("paths", hasKey("/api/v1/metrics/echo"));
        } finally {
            StubBackends.startSimulator();
        }
    }

    @Test
    void swaggerUiShowsTheMergedDocument() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("/openapi"));
    }
}
