package io.ecomanalytics.analytics.rest;

import static io.ecomanalytics.analytics.rest.AnalyticsCalls.viewer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.ecomanalytics.contracts.problem.Problem;
import io.quarkus.test.junit.QuarkusTest;

/** Every kind of bad query string is a 400 problem naming the parameter, before any query runs. */
@QuarkusTest
class QueryParametersTest {

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
            "customers/rfm          | size=0                         | size        | from 1 to 500",
            "customers/rfm          | page=-1                        | page        | integer",
            "customers/rfm/segments | segment=lost                   | segment     | unknown query parameter",
            "products/top           | by=margin                      | by          | unknown by",
            "products/top           | limit=1001                     | limit       | from 1 to 1000",
            "products/lifecycle     | limit=x                        | limit       | integer",
            "products/combinations  | minSupport=1.5                 | minSupport  | from 0 to 1",
            "geo/regions            | granularity=month              | granularity | unknown query parameter",
            "geo/states             | to=2024-02-30                  | to          | ISO date"})
    void rejectsABadParameterNamingIt(String path, String query, String field, String detail) {
        viewer().get("/api/v1/analytics/" + path + "?" + query).then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("field", equalTo(field))
                .body("detail", containsString(detail));
    }
}
