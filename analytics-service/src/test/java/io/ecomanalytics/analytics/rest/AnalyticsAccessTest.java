package io.ecomanalytics.analytics.rest;

import static io.ecomanalytics.analytics.rest.AnalyticsCalls.as;
import static io.ecomanalytics.analytics.rest.AnalyticsCalls.viewer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ecomanalytics.contracts.problem.Problem;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** Who may read what: viewers read JSON, analysts also export CSV, nobody reads without a valid token. */
@QuarkusTest
class AnalyticsAccessTest extends SalesFixtureTest {

    @ParameterizedTest
    @ValueSource(strings = {"financial/summary", "financial/timeseries", "cohorts/retention", "customers/rfm",
            "customers/rfm/segments", "products/top", "products/lifecycle", "products/combinations", "geo/regions",
            "geo/states"})
    void letsViewersReadJsonAndAnalystsExportCsv(String path) {
        String url = "/api/v1/analytics/" + path + H1;
        given().get(url).then().statusCode(401);
        given().auth().oauth2(TestTokens.expired(Roles.ADMIN)).get(url).then().statusCode(401);
        viewer().get(url).then().statusCode(200).contentType("application/json");
        viewer().accept("text/csv").get(url).then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("field", equalTo("Accept"));
        as(Roles.ANALYST).accept("text/csv").get(url).then().statusCode(200).contentType(startsWith("text/csv"));
        given().accept("text/csv").get(url).then().statusCode(401);
    }

    /** The geo table as CSV: header row then one row per region (figures as in GeoResourceTest). */
    @Test
    void exportsCsvRows() {
        String csv = as(Roles.ANALYST).accept("text/csv").get("/api/v1/analytics/geo/regions" + H1).then()
                .statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(csv.split("\r\n")).containsExactly(
                "region,state,revenue,orders,customers,averageTicket,revenueShare,orderShare",
                "SUDESTE,,385.00,11,5,35.00,0.5423,0.5238",
                "SUL,,130.00,4,2,32.50,0.1831,0.1905",
                "NORDESTE,,100.00,3,2,33.33,0.1408,0.1429",
                "NORTE,,60.00,2,1,30.00,0.0845,0.0952",
                "CENTRO_OESTE,,35.00,1,1,35.00,0.0493,0.0476");
    }
}
