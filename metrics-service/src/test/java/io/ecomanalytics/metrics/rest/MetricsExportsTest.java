package io.ecomanalytics.metrics.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.ecomanalytics.contracts.problem.Problem;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.ecomanalytics.metrics.OrderFixtures;
import io.ecomanalytics.metrics.service.OrderEventConsumer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** Every metrics GET but the event stream as CSV, Excel and PDF: content types, file names, analyst only, JSON figures. */
@QuarkusTest
class MetricsExportsTest {
    private static final Map<String, String> TYPES = Map.of("csv", "text/csv", "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf", "application/pdf");

    @Inject
    RedisDataSource redis;
    @Inject
    OrderEventConsumer consumer;

    @BeforeEach
    void applyKnownEvents() {
        OrderFixtures.cleanRedis(redis);
        consumer.ensureGroup();
        OrderFixtures.publish(redis, OrderFixtures.events());
        consumer.poll("test", Duration.ofMillis(10));
    }

    @ParameterizedTest(name = "{0} as {2}")
    @CsvSource({"today?, metrics-today, csv", "today?, metrics-today, xlsx", "today?, metrics-today, pdf",
            "daily/2026-03-10?, daily-metrics_2026-03-10_2026-03-10, csv",
            "daily/2026-03-10?, daily-metrics_2026-03-10_2026-03-10, xlsx",
            "daily/2026-03-10?, daily-metrics_2026-03-10_2026-03-10, pdf",
            "daily?from=2026-03-10&to=2026-03-12&, daily-metrics-series_2026-03-10_2026-03-12, csv",
            "daily?from=2026-03-10&to=2026-03-12&, daily-metrics-series_2026-03-10_2026-03-12, xlsx",
            "daily?from=2026-03-10&to=2026-03-12&, daily-metrics-series_2026-03-10_2026-03-12, pdf",
            "top-products?limit=3&, metrics-top-products_3, csv", "top-products?limit=3&, metrics-top-products_3, xlsx",
            "top-products?limit=3&, metrics-top-products_3, pdf",
            "regions?date=2026-03-10&, region-revenue_2026-03-10, csv",
            "regions?date=2026-03-10&, region-revenue_2026-03-10, xlsx",
            "regions?date=2026-03-10&, region-revenue_2026-03-10, pdf",
            "reconcile?date=2026-03-10&, reconcile-metrics_2026-03-10_2026-03-10, csv",
            "reconcile?date=2026-03-10&, reconcile-metrics_2026-03-10_2026-03-10, xlsx",
            "reconcile?date=2026-03-10&, reconcile-metrics_2026-03-10_2026-03-10, pdf"})
    void answersEveryFormatWithANamedAttachment(String path, String name, String format) {
        String url = "/api/v1/metrics/" + path;
        String file = name.startsWith("metrics-today") ? null : name + "." + format;
        var answer = given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).get(url + "format=" + format).then()
                .statusCode(200).contentType(containsString(TYPES.get(format)))
                .header("Content-Disposition", containsString("attachment; filename=\""));
        if (file != null) {
            answer.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
        }
        String plain = url.replaceAll("[?&]$", "");
        given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).accept(TYPES.get(format)).get(plain).then()
                .statusCode(200).contentType(containsString(TYPES.get(format)));
        if (!path.startsWith("reconcile")) {
            given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).get(url + "format=" + format).then().statusCode(403)
                    .contentType(Problem.MEDIA_TYPE).body("detail", containsString("'analyst'"));
            given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).get(plain).then().statusCode(200)
                    .contentType("application/json");
        }
    }

    @Test
    void excelFiguresEqualTheJson() throws IOException {
        String url = "/api/v1/metrics/daily?from=2026-03-10&to=2026-03-12";
        List<Map<String, Object>> days = given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).get(url).then()
                .statusCode(200).extract().jsonPath().getList("$");
        byte[] xlsx = given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).get(url + "&format=xlsx").asByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = book.getSheet("daily");
            assertThat(sheet.getLastRowNum()).isEqualTo(days.size());
            for (int i = 0; i < days.size(); i++) {
                Row row = sheet.getRow(i + 1);
                assertThat(row.getCell(1).getNumericCellValue())
                        .isEqualTo(Double.parseDouble(days.get(i).get("revenue").toString()));
                assertThat(row.getCell(2).getNumericCellValue())
                        .isEqualTo(Double.parseDouble(days.get(i).get("orders").toString()));
            }
            // 2026-03-10: 179.95 in 3 orders, top product 12 (MetricsResourceTest)
            assertThat(sheet.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(179.95);
            assertThat(sheet.getRow(1).getCell(5).getNumericCellValue()).isEqualTo(12);
        }
        String csv = given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).get(
                "/api/v1/metrics/daily/2026-03-10?format=csv").asString();
        assertThat(csv.split("\r\n")).containsExactly(
                "date,revenue,orders,activeCustomers,averageTicket,topProductId,topProductQuantity",
                "2026-03-10,179.95,3,2,59.98,12,4");
    }

    @Test
    void refusesAFormatWhereNoExportIsOffered() {
        given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).get("/api/v1/metrics/today?format=docx").then()
                .statusCode(400).body("field", equalTo("format"));
    }
}
