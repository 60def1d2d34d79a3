package io.ecomanalytics.analytics.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.ecomanalytics.analytics.SalesFixture;
import io.ecomanalytics.analytics.Writer;
import io.ecomanalytics.contracts.problem.Problem;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every analytics GET as CSV, Excel and PDF on the hand-computed {@link SalesFixture}: content type, file name, analyst-only,
 * the rows trailer, and the files' figures against the JSON answer of the same request, read back with POI and PDFBox.
 * (Forecast and lifetime value need histories of their own: {@code ForecastResourceTest} and {@code LtvResourceTest}.)
 */
@QuarkusTest
class ExportFilesTest {
    private static final String BASE = "/api/v1/analytics/";
    private static final String H1 = "from=2024-01-01&to=2024-06-30";
    private static final Map<String, String> TYPES = Map.of("csv", "text/csv", "xlsx", ExportFiles.XLSX, "pdf",
            "application/pdf");

    @Inject
    @Writer
    DataSource dataSource;

    @BeforeEach
    void loadFixture() throws SQLException {
        SalesFixture.load(dataSource);
    }

    private static RequestSpecification as(String role) {
        return given().config(RestAssuredConfig.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL)))
                .auth().oauth2(TestTokens.forRole(role));
    }

    /** Path (with its own parameters), the analysis it is named after, whether viewers may read its JSON. */
    static Stream<Arguments> endpoints() {
        List<Arguments> all = new ArrayList<>();
        Object[][] endpoints = {{"financial/summary?", "financial-summary", true},
                {"financial/timeseries?granularity=MONTH&", "financial-timeseries_MONTH", true},
                {"cohorts/retention?", "cohort-retention", true}, {"customers/rfm?", "rfm-customers", true},
                {"customers/rfm/segments?", "rfm-segments", true}, {"products/top?by=quantity&", "top-products_quantity", true},
                {"products/lifecycle?", "product-lifecycle", true}, {"products/combinations?", "product-combinations", true},
                {"geo/regions?", "geo-regions", true}, {"geo/states?state=SP&", "geo-states", true},
                {"anomalies/orders?", "order-anomalies", false}};
        for (Object[] e : endpoints) {
            for (String format : TYPES.keySet()) {
                all.add(Arguments.of(e[0], e[1], e[2], format));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} as {3}")
    @MethodSource("endpoints")
    void answersEveryFormatWithANamedAttachment(String path, String analysis, boolean viewers, String format) {
        String url = BASE + path + H1;
        // geo/states?state=SP: the state is part of the filter, so of the name, after the period
        String name = (analysis.equals("geo-states")
                ? "geo-states_2024-01-01_2024-06-30_SP"
                : analysis.contains("_")
                        ? analysis.replaceFirst("_", "_2024-01-01_2024-06-30_")
                        : analysis + "_2024-01-01_2024-06-30")
                + "." + format;
        for (Response answer : List.of(as(Roles.ANALYST).get(url + "&format=" + format),
                as(Roles.ANALYST).accept(TYPES.get(format)).get(url),
                as(Roles.ANALYST).get(url + "&format=" + format.toUpperCase()))) {
            answer.then().statusCode(200).contentType(containsString(TYPES.get(format)))
                    .header("X-Export-Analysis", analysis.replaceFirst("_.*", ""))
                    .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
            assertThat(answer.asByteArray()).isNotEmpty();
        }
        if (viewers) {
            as(Roles.VIEWER).get(url).then().statusCode(200).contentType("application/json");
            as(Roles.VIEWER).get(url + "&format=" + format).then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                    .body("field", equalTo("format")).body("detail", containsString("'analyst'"));
            as(Roles.VIEWER).accept(TYPES.get(format)).get(url).then().statusCode(403)
                    .body("field", equalTo("Accept")).body("detail", containsString("'analyst'"));
        }
    }

    @Test
    void keepsJsonTheDefaultAndRefusesOtherFormats() {
        String url = BASE + "geo/regions?" + H1;
        as(Roles.VIEWER).get(url).then().statusCode(200).contentType("application/json");
        as(Roles.VIEWER).accept("*/*").get(url).then().statusCode(200).contentType("application/json");
        as(Roles.VIEWER).accept("application/*").get(url).then().statusCode(200).contentType("application/json");
        // text/* can only be CSV here: an export
        as(Roles.VIEWER).accept("text/*").get(url).then().statusCode(403).body("field", equalTo("Accept"));
        as(Roles.ANALYST).accept("text/*").get(url).then().statusCode(200).contentType(containsString("text/csv"));
        as(Roles.ANALYST).get(url + "&format=docx").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("field", equalTo("format")).body("detail", containsString("csv, xlsx, pdf"));
        as(Roles.ANALYST).get(url + "&format=csv&format=pdf").then().statusCode(400).body("field", equalTo("format"));
        given().get(url + "&format=csv").then().statusCode(401);
    }

    @Test
    void documentsTheFormatParameterOnExportingOperations() {
        JsonPath doc = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        for (String path : List.of("financial/summary", "customers/rfm", "anomalies/orders", "forecast/revenue",
                "customers/ltv", "customers/{id}/ltv")) {
            List<Map<String, Object>> parameters = doc.getList("paths.'" + BASE + path + "'.get.parameters");
            Map<String, Object> format = parameters.stream().filter(p -> "format".equals(p.get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no format parameter on " + path));
            assertThat(format.get("in")).isEqualTo("query");
            assertThat(doc.getList("paths.'" + BASE + path + "'.get.parameters.find { it.name == 'format' }.schema.enum"))
                    .containsExactly("csv", "xlsx", "pdf");
            assertThat(doc.getMap("paths.'" + BASE + path + "'.get.responses.'200'.content"))
                    .containsKeys("application/json", "text/csv", ExportFiles.XLSX, "application/pdf");
        }
    }

    @Test
    void sendsTheRowCountAsATrailer() {
        String token = TestTokens.forRole(Roles.ANALYST);
        ExportFiles.Raw csv = ExportFiles.get(RestAssured.port, BASE + "geo/regions?" + H1, token, "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers()).containsEntry("transfer-encoding", "chunked").containsEntry("trailer",
                "X-Export-Rows");
        assertThat(csv.trailers()).containsEntry("x-export-rows", "5");
        assertThat(new String(csv.body(), StandardCharsets.UTF_8).split("\r\n")).hasSize(6);
        ExportFiles.Raw xlsx = ExportFiles.get(RestAssured.port, BASE + "customers/rfm?format=xlsx&" + H1, token, "*/*");
        assertThat(xlsx.trailers()).containsEntry("x-export-rows", "11");
        assertThat(ExportFiles.sheets(xlsx.body()).get("customers")).hasSize(1 + 1 + 11);
    }

    @Test
    void excelFiguresEqualTheJsonOfTheSameRequest() {
        String url = BASE + "geo/regions?" + H1;
        JsonPath json = as(Roles.ANALYST).get(url).then().statusCode(200).extract().jsonPath();
        List<List<Object>> rows = ExportFiles.sheets(as(Roles.ANALYST).get(url + "&format=xlsx").asByteArray())
                .get("region");
        assertThat(rows.get(0)).containsExactly("region", "state", "revenue", "orders", "customers", "averageTicket",
                "revenueShare", "orderShare");
        List<Map<String, Object>> areas = json.getList("areas");
        assertThat(rows).hasSize(1 + areas.size());
        for (int i = 0; i < areas.size(); i++) {
            List<Object> row = rows.get(i + 1);
            Map<String, Object> area = areas.get(i);
            assertThat(row.get(0)).isEqualTo(area.get("region"));
            for (String[] field : new String[][]{{"2", "revenue"}, {"3", "orders"}, {"4", "customers"},
                    {"5", "averageTicket"}, {"6", "revenueShare"}, {"7", "orderShare"}}) {
                assertThat(row.get(Integer.parseInt(field[0]))).as(field[1])
                        .isEqualTo(new BigDecimal(area.get(field[1]).toString()).doubleValue());
            }
        }
        // the worked-out figures of GeoResourceTest: SUDESTE 385.00 in 11 orders
        assertThat(rows.get(1)).startsWith("SUDESTE", null, 385.0, 11.0, 5.0, 35.0, 0.5423, 0.5238);

        String summary = BASE + "financial/summary?" + H1;
        JsonPath totals = as(Roles.ANALYST).get(summary).then().statusCode(200).extract().jsonPath();
        Map<String, List<List<Object>>> book = ExportFiles.sheets(as(Roles.ANALYST).get(summary + "&format=xlsx")
                .asByteArray());
        assertThat(book).containsOnlyKeys("summary", "growth");
        List<Object> current = book.get("summary").get(1);
        assertThat(current.get(0)).isEqualTo("current");
        assertThat(current.get(1)).hasToString("2024-01-01T00:00");
        assertThat(current.get(3)).isEqualTo(totals.getDouble("current.revenue"));
        assertThat(current.get(9)).isEqualTo(totals.getDouble("current.orders"));
        assertThat(current.get(12)).isEqualTo(totals.getDouble("current.uniqueCustomers"));
        assertThat(book.get("growth").get(2).get(3)).isEqualTo(totals.getDouble("previousPeriod.revenueGrowth"));

        String cohorts = BASE + "cohorts/retention?" + H1;
        JsonPath matrix = as(Roles.ANALYST).get(cohorts).then().statusCode(200).extract().jsonPath();
        Map<String, List<List<Object>>> sheets = ExportFiles.sheets(as(Roles.ANALYST).get(cohorts + "&format=xlsx")
                .asByteArray());
        assertThat(sheets).containsOnlyKeys("cells", "sizes", "customer retention", "revenue retention");
        List<List<Object>> retention = sheets.get("customer retention");
        List<Map<String, Object>> jsonCohorts = matrix.getList("cohorts");
        assertThat(retention).hasSize(2 + jsonCohorts.size()); // note, header, one row per cohort
        for (int c = 0; c < jsonCohorts.size(); c++) {
            List<Map<String, Object>> periods = matrix.getList("cohorts[" + c + "].periods");
            List<Object> row = retention.get(2 + c);
            assertThat(row.get(1)).isEqualTo(matrix.getDouble("cohorts[" + c + "].size"));
            for (Map<String, Object> cell : periods) {
                assertThat(row.get(2 + (Integer) cell.get("period")))
                        .isEqualTo(new BigDecimal(cell.get("customerRetention").toString()).doubleValue());
            }
        }
    }

    @Test
    void pdfTextHoldsTheJsonFigures() {
        String url = BASE + "customers/rfm/segments?" + H1;
        JsonPath json = as(Roles.ANALYST).get(url).then().statusCode(200).extract().jsonPath();
        String text = ExportFiles.pdfText(as(Roles.ANALYST).get(url + "&format=pdf").asByteArray());
        assertThat(text).contains("RFM segments", "2024-01-01 to 2024-06-30");
        List<Map<String, Object>> segments = json.getList("segments");
        for (Map<String, Object> s : segments) {
            String revenue = String.format(java.util.Locale.ROOT, "%,.2f",
                    new BigDecimal(s.get("revenue").toString()));
            assertThat(text).contains(s.get("segment") + " " + s.get("customers") + " ");
            assertThat(text).contains(revenue);
        }
        // the totals sheet: revenue share of the top 20% as a percentage
        BigDecimal top = new BigDecimal(json.get("topCustomersRevenueShare").toString());
        assertThat(text).contains(top.movePointRight(2).setScale(2) + "%");
    }

    @Test
    void exportsTheWholeCustomerListNotAPage() {
        String url = BASE + "customers/rfm?size=3&sort=customer&" + H1;
        JsonPath page = as(Roles.ANALYST).get(url.replace("size=3", "size=500")).then().statusCode(200).extract()
                .jsonPath();
        assertThat(page.getInt("total")).isEqualTo(11);
        String csv = as(Roles.ANALYST).get(url + "&format=csv").then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(1 + 11);
        List<Map<String, Object>> customers = page.getList("customers");
        for (int i = 0; i < customers.size(); i++) {
            Map<String, Object> c = customers.get(i);
            assertThat(lines[i + 1]).isEqualTo(String.join(",", c.get("customerKey").toString(),
                    c.get("recency").toString(), c.get("frequency").toString(),
                    new BigDecimal(c.get("monetary").toString()).setScale(2).toPlainString(), c.get("r").toString(),
                    c.get("f").toString(), c.get("m").toString(), c.get("score").toString(), c.get("segment").toString()));
        }
        // a segment's whole list
        String champions = as(Roles.ANALYST).get(url + "&segment=champions&format=csv").asString();
        int expected = as(Roles.ANALYST).get(url + "&segment=champions").then().extract().jsonPath().getInt("total");
        assertThat(champions.split("\r\n")).hasSize(1 + expected);
    }

    @Test
    void exportsEveryScoredOrderOfTheAnomalyRanking() {
        String url = BASE + "anomalies/orders?limit=5&" + H1;
        JsonPath json = as(Roles.ANALYST).get(url).then().statusCode(200).extract().jsonPath();
        Map<String, List<List<Object>>> book = ExportFiles.sheets(as(Roles.ANALYST).get(url + "&format=xlsx")
                .asByteArray());
        List<List<Object>> ranking = book.get("ranking");
        // note, header, then every scored order, limit notwithstanding
        assertThat(ranking).hasSize(2 + json.getInt("ordersScored"));
        for (int i = 0; i < 5; i++) {
            List<Object> row = ranking.get(2 + i);
            assertThat(row.get(0)).isEqualTo((double) (i + 1));
            assertThat(row.get(1)).isEqualTo(json.getDouble("orders[" + i + "].orderId"));
            assertThat(row.get(4)).isEqualTo(json.getDouble("orders[" + i + "].score"));
            assertThat(row.get(5)).isEqualTo(json.getDouble("orders[" + i + "].total"));
            assertThat(row.get(6)).isEqualTo(json.getString("orders[" + i + "].standouts[0].name"));
            assertThat(row.get(8)).isEqualTo(json.getDouble("orders[" + i + "].standouts[0].z"));
        }
        assertThat(book.get("evaluation").get(2).get(1)).isEqualTo(json.getDouble("ordersScored"));
    }

    @Test
    void exportsTheServiceInfoForAdmins() {
        String csv = as(Roles.ADMIN).get(BASE + "info?format=csv").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"analytics-info.csv\"").extract().asString();
        assertThat(csv).contains("service,analytics-service", "orders,27");
    }
}
