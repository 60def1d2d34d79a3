package io.ecomanalytics.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The dashboard serves its page, modules and ECharts from the webjar, under a policy that runs only its own scripts. */
@QuarkusTest
class StaticAssetsTest {

    @Test
    void servesThePageUnderAPolicyThatRunsOnlyItsOwnScripts() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<script type=\"module\" src=\"/app/main.js\"></script>"))
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void servesTheModulesAsJavaScriptAndTheChartLibraryFromItsWebjar() {
        given().get("/app/main.js").then().statusCode(200).contentType(matchesPattern("(text|application)/javascript.*"));
        given().get("/app/tabs/overview.js").then().statusCode(200);
        given().get("/webjars/echarts/5.3.1/dist/echarts.esm.min.js").then().statusCode(200)
                .contentType(matchesPattern("(text|application)/javascript.*"));
    }
}
