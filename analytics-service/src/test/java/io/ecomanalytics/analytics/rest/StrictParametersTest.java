package io.ecomanalytics.analytics.rest;

import static io.ecomanalytics.analytics.rest.AnalyticsCalls.viewer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.ecomanalytics.contracts.problem.Problem;
import io.quarkus.test.junit.QuarkusTest;

/** Every kind of bad query string is a 400 problem naming the parameter, before any query runs. */
@QuarkusTest
class StrictParametersTest {

    @ParameterizedTest(name = "{0}?{1} → field {2}")
    @CsvSource(delimiter = '|', value = {
            "financial/summary      | foo=1                          | foo         | unknown query parameter",
            "financial/summary      | from=2024-13-01                | from        | ISO date",
            "financial/summary      | to=yesterday                   | to          | ISO date",
            "financial/summary      | from=2024-02-01&to=2024-01-31  | from        | after",
            "financial/summary      | from=2024-01-01&from=2024-01-02| from        | more than once",
            "financial/summary      | state=XX                       | state       | unknown state",
            "financial/summary      | region=atlantis                | region      | unknown region",
            "financial/timeseries   | granularity=year               | granularity | unknown granularity",
            "cohorts/retention      | granularity=day                | granularity | unknown granularity",
            "customers/rfm          | segment=vip                    | segment     | unknown segment",
            "customers/rfm          | sort=name                      | sort        | unknown sort",
            "customers/rfm          | size=0                         | size        | at least 1",
            "customers/rfm          | size=501                       | size        | from 1 to 500",
            "customers/rfm          | page=-1                        | page        | integer",
            "customers/rfm/segments | segment=lost                   | segment     | unknown query parameter",
            "products/top           | by=margin                      | by          | unknown by",
            "products/top           | limit=1001                     | limit       | from 1 to 1000",
            "products/lifecycle     | limit=x                        | limit       | integer",
            "products/combinations  | minSupport=1.5                 | minSupport  | from 0 to 1",
            "geo/regions            | granularity=month              | granularity | unknown query parameter",
            "geo/states             | to=2024-02-30                  | to          | ISO date",
            // the edges of LocalDate and beyond the date window (issue 17: these reached SQL as infinity or overflowed)
            "financial/timeseries   | from=%2B999999999-12-31        | from        | ISO date",
            "financial/summary      | from=-999999999-01-01          | from        | ISO date",
            "financial/summary      | to=%2B999999999-12-31          | to          | ISO date",
            "customers/rfm          | from=%2B10000-01-01            | from        | ISO date",
            "customers/rfm          | to=9999-12-31                  | to          | between 2000-01-01 and 2100-12-31",
            "customers/rfm/segments | from=0001-01-01                | from        | between 2000-01-01 and 2100-12-31",
            // digits of other scripts, control characters, long text
            "products/top           | limit=%D9%A1%D9%A0             | limit       | integer",
            "financial/summary      | from=%D9%A2%D9%A0%D9%A2%D9%A4-01-01 | from   | ISO date",
            "financial/summary      | category=a%00b                 | category    | control characters",
            "financial/summary      | state=%00                      | state       | control characters",
            "products/combinations  | minSupport=NaN                 | minSupport  | number",
            "products/combinations  | minSupport=1e-3                | minSupport  | number"})
    void rejectsABadParameterNamingIt(String path, String query, String field, String detail) {
        viewer().urlEncodingEnabled(false).get("/api/v1/analytics/" + path + "?" + query).then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("field", equalTo(field))
                .body("detail", containsString(detail));
    }

    @Test
    void refusesTextLongerThanTheParameterAllowsNamingIt() {
        // 3,000 characters: longer ones are stopped by the HTTP server's 4,096-byte request line (414)
        viewer().queryParam("category", "x".repeat(3_000)).get("/api/v1/analytics/financial/summary").then()
                .statusCode(400).contentType(Problem.MEDIA_TYPE).body("field", equalTo("category"))
                .body("detail", containsString("at most"));
    }

    @Test
    void refusesAnUnknownParameterWithoutEchoingItsRawName() {
        viewer().urlEncodingEnabled(false).get("/api/v1/analytics/financial/summary?a%00b=1").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("field", equalTo("a?b"));
    }

    @Test
    void takesEnumValuesInAnyLetterCase() {
        viewer().get("/api/v1/analytics/financial/timeseries?granularity=week&region=sudeste&state=sp").then()
                .statusCode(200).body("granularity", equalTo("WEEK"));
    }
}
