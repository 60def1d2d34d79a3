package io.ecomanalytics.analytics.forecast;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.analytics.Writer;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class ForecastResourceTest {
    private static final String PATH = "/api/v1/analytics/forecast/revenue";
    /** 60 whole weeks, Monday 2024-01-01 to Sunday 2025-02-23. */
    private static final String RANGE = "from=2024-01-01&to=2025-02-23";

    @Inject
    @Writer
    DataSource dataSource;

    /**
     * One order each Wednesday at noon in São Paulo, week w (from 0) worth 100 + w (one line of a toy), and a canceled order of
     * 1000.
     */
    @BeforeEach
    void weeklyOrders() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE commerce.customers, commerce.orders, commerce.products CASCADE");
            st.execute("INSERT INTO commerce.customers (id, state, region, created_at)"
                    + " VALUES (1, 'SP', 'SUDESTE', '2023-01-01T00:00:00Z')");
            st.execute("INSERT INTO commerce.products (id, category, unit_price) VALUES (1, 'toys', 100)");
            st.execute("INSERT INTO commerce.orders (id, customer_id, ordered_at, status, revenue)"
                    + " SELECT 1 + w, 1, TIMESTAMPTZ '2024-01-03T15:00:00Z' + w * INTERVAL '7 days', 'delivered', 100 + w"
                    + " FROM generate_series(0, 59) AS w");
            st.execute("INSERT INTO commerce.order_items (order_id, line_no, product_id, quantity, unit_price)"
                    + " SELECT 1 + w, 1, 1, 1, 100 + w FROM generate_series(0, 59) AS w");
            st.execute("INSERT INTO commerce.orders (id, customer_id, ordered_at, status, revenue)"
                    + " VALUES (100, 1, '2024-01-04T15:00:00Z', 'canceled', 1000)");
        }
    }

    private static RequestSpecification analyst() {
        return given().auth().oauth2(TestTokens.forRole(Roles.ANALYST));
    }

    @Test
    void seasonalNaiveRepeatsLastYearsWeeks() {
        // 60 weeks >= 52: lag 52, so week 60 repeats week 8 (108), week 61 week 9 (109); the canceled 1000 is not revenue
        analyst().get(PATH + "?horizonWeeks=2&model=seasonal-naive&" + RANGE).then().statusCode(200)
                .body("model", equalTo("seasonal-naive"))
                .body("requestedModel", equalTo("seasonal-naive"))
                .body("variant", equalTo("lag 52 weeks"))
                .body("history.weeks", equalTo(60))
                .body("history.firstWeek", equalTo("2024-01-01"))
                .body("history.lastWeek", equalTo("2025-02-17"))
                .body("forecast", hasSize(2))
                .body("forecast[0].weekStart", equalTo("2025-02-24"))
                .body("forecast[0].revenue", equalTo(108.0f))
                .body("forecast[1].weekStart", equalTo("2025-03-03"))
                .body("forecast[1].revenue", equalTo(109.0f))
                .body("candidates.model", contains("seasonal-naive", "holt-winters", "polynomial"))
                // scored with lag 52 too: windows of 58, 56, 54 and 52 weeks; one of 50 holds no season to repeat
                .body("candidates[0].origins", equalTo(4))
                .body("candidates[0].variant", equalTo("lag 52 weeks"))
                .body("intervalMethod", containsString("backtest"));
    }

    @Test
    void filtersByStateRegionAndCategory() {
        // the only customer is in SP (Sudeste) and every line is a toy: each filter keeps the same series
        for (String filter : new String[]{"state=sp", "region=SUDESTE", "category=toys"}) {
            analyst().get(PATH + "?horizonWeeks=1&model=seasonal-naive&" + RANGE + "&" + filter).then().statusCode(200)
                    .body("history.weeks", equalTo(60))
                    .body("forecast[0].revenue", equalTo(108.0f));
        }
        // no other category has sales: every week is 0, and so is the forecast
        analyst().get(PATH + "?horizonWeeks=1&model=seasonal-naive&" + RANGE + "&category=books").then().statusCode(200)
                .body("forecast[0].revenue", equalTo(0.0f));
    }

    @Test
    void autoPicksTheModelThatFollowsTheTrend() {
        // a straight line: Holt and the polynomial forecast it exactly. Seasonal naive forecasts 60 weeks with lag 52, and
        // is scored so: origins at weeks 56 and 52 only (a window of 48 weeks holds no season to repeat). At 56 every
        // error is 52 and so is the in-sample lag-52 MAE: MASE 1; at 52 the history is no longer than a season, so the
        // scale is lag 1 (MAE 1) while the forecast repeats weeks 0-3: MASE 52. Mean (1 + 52) / 2 = 26.5
        analyst().get(PATH + "?horizonWeeks=4&" + RANGE).then().statusCode(200)
                .body("requestedModel", equalTo("auto"))
                .body("model", not(equalTo("seasonal-naive")))
                .body("candidates[0].variant", equalTo("lag 52 weeks"))
                .body("candidates[0].origins", equalTo(2))
                .body("candidates[0].mase", equalTo(26.5f))
                .body("candidates[0].leftOut", nullValue())
                .body("candidates[1].variant", equalTo("holt (trend only)"))
                .body("candidates[1].origins", equalTo(5))
                .body("forecast", hasSize(4))
                .body("forecast[0].revenue", equalTo(160.0f))
                .body("forecast[3].revenue", equalTo(163.0f));
    }

    @Test
    void namesTheInvalidParameter() {
        analyst().get(PATH + "?horizonWeeks=0").then().statusCode(400).body("field", equalTo("horizonWeeks"));
        analyst().get(PATH + "?horizonWeeks=abc").then().statusCode(400).body("field", equalTo("horizonWeeks"));
        analyst().get(PATH + "?model=arima").then().statusCode(400).body("field", equalTo("model"));
        analyst().get(PATH + "?from=2024-13-01").then().statusCode(400).body("field", equalTo("from"));
        analyst().get(PATH + "?from=2024-02-01&to=2024-01-01").then().statusCode(400).body("field", equalTo("from"));
        analyst().get(PATH + "?horizon=8").then().statusCode(400).body("field", equalTo("horizon"))
                .contentType("application/problem+json");
        analyst().get(PATH + "?model=auto&model=polynomial").then().statusCode(400).body("field", equalTo("model"));
        analyst().get(PATH + "?state=XX").then().statusCode(400).body("field", equalTo("state"));
        analyst().get(PATH + "?region=ATLANTIS").then().statusCode(400).body("field", equalTo("region"));
    }

    @Test
    void leavesOutAModelWhoseVariantNeedsMoreHistoryThanAnyWindow() {
        // 60 weeks and a 9-week horizon: the longest window has 51 weeks, less than the season the forecast repeats
        String body = analyst().get(PATH + "?horizonWeeks=9&" + RANGE).then().statusCode(200)
                .body("model", not(equalTo("seasonal-naive")))
                .body("candidates[0].model", equalTo("seasonal-naive"))
                .body("candidates[0].origins", equalTo(0))
                .body("candidates[0].mase", nullValue())
                .body("candidates[0].leftOut", equalTo("as it forecasts 60 weeks (lag 52 weeks) it needs 52 weeks of"
                        + " training history, and the longest backtest window of a 9-week horizon has 51"))
                .extract().asString();
        assertThat(body).contains("\"coverage80\"");
        analyst().get(PATH + "?horizonWeeks=9&model=seasonal-naive&" + RANGE).then().statusCode(422)
                .body("field", equalTo("model"));
    }

    @Test
    void refusesTooShortAHistory() {
        analyst().get(PATH + "?state=RJ").then().statusCode(422).body("field", equalTo("horizonWeeks"));
    }

    @Test
    void isForAnalysts() {
        given().get(PATH).then().statusCode(401);
        given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).get(PATH).then().statusCode(403);
    }

    @Test
    void exportsTheForecastWithItsBacktestAndModel() {
        String url = PATH + "?horizonWeeks=2&model=seasonal-naive&" + RANGE;
        io.restassured.path.json.JsonPath json = analyst().get(url).then().statusCode(200).extract().jsonPath();
        String name = "revenue-forecast_2024-01-01_2025-02-17_2_seasonal-naive";
        for (String[] format : new String[][]{{"csv", "text/csv"}, {"xlsx", io.ecomanalytics.analytics.export.ExportFiles.XLSX},
                {"pdf", "application/pdf"}}) {
            analyst().get(url + "&format=" + format[0]).then().statusCode(200).contentType(containsString(format[1]))
                    .header("Content-Disposition", "attachment; filename=\"" + name + "." + format[0] + "\"");
        }
        java.util.Map<String, java.util.List<java.util.List<Object>>> book = io.ecomanalytics.analytics.export.ExportFiles
                .sheets(analyst().get(url + "&format=xlsx").asByteArray());
        org.assertj.core.api.Assertions.assertThat(book).containsOnlyKeys("forecast", "backtest", "model");
        // note, header, the two weeks: 108 and 109 as in seasonalNaiveRepeatsLastYearsWeeks
        org.assertj.core.api.Assertions.assertThat(book.get("forecast")).hasSize(4);
        org.assertj.core.api.Assertions.assertThat(book.get("forecast").get(2).get(0)).hasToString("2025-02-24T00:00");
        org.assertj.core.api.Assertions.assertThat(book.get("forecast").get(2).get(1))
                .isEqualTo(json.getDouble("forecast[0].revenue")).isEqualTo(108.0);
        org.assertj.core.api.Assertions.assertThat(book.get("backtest").get(2).get(0)).isEqualTo("seasonal-naive");
        org.assertj.core.api.Assertions.assertThat(book.get("backtest").get(2).get(2))
                .isEqualTo(json.getDouble("candidates[0].mape"));
        String csv = analyst().get(url + "&format=csv").asString();
        org.assertj.core.api.Assertions.assertThat(csv.split("\r\n")).containsExactly(
                "weekStart,revenue,lower80,upper80,lower95,upper95",
                "2025-02-24,108.00," + String.join(",", plain(json, 0, "lower80"), plain(json, 0, "upper80"),
                        plain(json, 0, "lower95"), plain(json, 0, "upper95")),
                "2025-03-03,109.00," + String.join(",", plain(json, 1, "lower80"), plain(json, 1, "upper80"),
                        plain(json, 1, "lower95"), plain(json, 1, "upper95")));
    }

    private static String plain(io.restassured.path.json.JsonPath json, int week, String field) {
        return new java.math.BigDecimal(json.getString("forecast[" + week + "]." + field)).setScale(2).toPlainString();
    }
}
