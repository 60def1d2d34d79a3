package io.ecomanalytics.analytics.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.analytics.SalesFixture;
import io.ecomanalytics.analytics.Writer;
import io.ecomanalytics.analytics.export.ExportFiles;
import io.ecomanalytics.contracts.problem.Problem;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The management report: a multi-page PDF by default (sections, charts, embedded fonts), the same report as Excel and JSON,
 * analysts only; figures compared with the JSON of the same request; a section without data says so.
 */
@QuarkusTest
class ReportResourceTest {
    private static final String PATH = "/api/v1/reports/summary";

    @Inject
    @Writer
    DataSource dataSource;

    private static RequestSpecification analyst() {
        return given().auth().oauth2(TestTokens.forRole(Roles.ANALYST));
    }

    /**
     * Two years of a store: 400 customers in six states, 20 products in four categories, 2 + (day % 7 = 5 or 6) + a yearly
     * swing orders a day of one to three lines, deterministic, and 0.5% of orders planted as fraud (large, at night).
     */
    private void twoYears() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE commerce.customers, commerce.products, commerce.orders, commerce.order_items CASCADE");
            st.execute("INSERT INTO commerce.customers (id, state, region, created_at) SELECT k,"
                    + " (ARRAY['SP','RJ','MG','RS','BA','AM'])[1 + k % 6],"
                    + " (ARRAY['SUDESTE','SUDESTE','SUDESTE','SUL','NORDESTE','NORTE'])[1 + k % 6],"
                    + " '2022-01-01T00:00:00Z' FROM generate_series(1, 400) k");
            st.execute("INSERT INTO commerce.products (id, name, category, unit_price, unit_cost) SELECT p,"
                    + " 'Product ' || p, (ARRAY['toys','books','garden','sports'])[1 + p % 4], 10 + 5 * p,"
                    + " (10 + 5 * p) * 0.55 FROM generate_series(1, 20) p");
            st.execute("INSERT INTO commerce.orders (id, customer_id, ordered_at, status, is_simulated_fraud)"
                    + " SELECT row_number() OVER (ORDER BY d, n), 1 + (d * 37 + n * 101) % 400,"
                    + " TIMESTAMPTZ '2023-01-01T13:00:00Z' + d * INTERVAL '1 day' + n * INTERVAL '37 minutes',"
                    + " 'delivered', (d * 13 + n) % 200 = 0"
                    + " FROM generate_series(0, 729) d, generate_series(0, 9) n"
                    + " WHERE n < 2 + (CASE WHEN d % 7 IN (5, 6) THEN 2 ELSE 0 END)"
                    + " + round(3 + 3 * sin(2 * pi() * d / 365.25))::int");
            st.execute("INSERT INTO commerce.order_items (order_id, line_no, product_id, quantity, unit_price, unit_cost)"
                    + " SELECT o.id, l, 1 + (o.id * 7 + l * 3) % 20, CASE WHEN o.is_simulated_fraud THEN 15 ELSE 1 + o.id % 2"
                    + " END, p.unit_price, p.unit_cost FROM commerce.orders o, generate_series(1, 3) l, commerce.products p"
                    + " WHERE l <= 1 + o.id % 3 AND p.id = 1 + (o.id * 7 + l * 3) % 20");
            st.execute("UPDATE commerce.orders o SET item_count = t.items, revenue = t.revenue, cost = t.cost FROM ("
                    + "SELECT order_id, sum(quantity) AS items, sum(quantity * unit_price) AS revenue,"
                    + " sum(quantity * unit_cost) AS cost FROM commerce.order_items GROUP BY order_id) t"
                    + " WHERE t.order_id = o.id");
        }
    }

    @Test
    void writesAMultiPagePdfWithEverySectionAndTheJsonFigures() throws SQLException, IOException {
        twoYears();
        String range = "?from=2023-01-01&to=2024-12-31";
        JsonPath json = analyst().accept("application/json").get(PATH + range).then().statusCode(200)
                .body("forecast.model", notNullValue()).body("missing", equalTo(Map.of())).extract().jsonPath();
        byte[] pdf = analyst().get(PATH + range).then().statusCode(200).contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"management-report_2023-01-01_2024-12-31.pdf\"")
                .extract().asByteArray();
        Files.write(Path.of("target", "management-report.pdf"), pdf);
        String text = ExportFiles.pdfText(pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(3);
            document.getPages().forEach(page -> page.getResources().getFontNames().forEach(name -> {
                try {
                    assertThat(page.getResources().getFont(name).isEmbedded()).isTrue();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        assertThat(text).contains("Management report", "Key figures", "Revenue per week", "Cohorts: cohorts by period",
                "RFM segments", "Top products by revenue", "Products bought together", "Sales by region",
                "Sales by state", "Weekly revenue forecast (" + json.getString("forecast.model") + ")",
                "Backtest of every candidate", "Most anomalous orders (isolation-forest)");
        // key figures as the JSON answer gives them
        assertThat(text).contains(String.format(Locale.ROOT, "revenue %,.2f %,.2f", json.getDouble("kpis.current.revenue"),
                json.getDouble("kpis.previousPeriod.metrics.revenue")));
        assertThat(text).contains(String.format(Locale.ROOT, "%,.2f", json.getDouble("forecast.forecast[0].revenue")));
        assertThat(text.replaceAll("\\s+", " ")).contains(json.getString("segments.segments[0].action"));
        assertThat(text).contains(String.valueOf(json.getLong("anomalies.orders[0].orderId")));
    }

    @Test
    void answersExcelWithASheetPerSectionAndJsonOnRequest() throws SQLException {
        twoYears();
        String range = "?from=2023-07-01&to=2024-12-31&state=SP";
        JsonPath json = analyst().accept("application/json").get(PATH + range).then().statusCode(200).extract()
                .jsonPath();
        Map<String, List<List<Object>>> book = ExportFiles.sheets(analyst().get(PATH + range + "&format=xlsx").then()
                .statusCode(200).contentType(ExportFiles.XLSX)
                .header("Content-Disposition",
                        "attachment; filename=\"management-report_2023-07-01_2024-12-31_SP.xlsx\"")
                .extract().asByteArray());
        assertThat(book).containsOnlyKeys("kpis", "revenue", "cohorts", "segments", "products", "pairs", "region",
                "state", "forecast", "backtest", "anomalies");
        List<Object> revenue = book.get("kpis").get(2);
        assertThat(revenue.get(0)).isEqualTo("revenue");
        assertThat(revenue.get(1)).isEqualTo(json.getDouble("kpis.current.revenue"));
        assertThat(revenue.get(3)).isEqualTo(json.getDouble("kpis.previousPeriod.revenueGrowth"));
        assertThat(book.get("state")).hasSize(2).element(1).asList().startsWith("SUDESTE", "SP");
        assertThat(book.get("forecast").get(2).get(1)).isEqualTo(json.getDouble("forecast.forecast[0].revenue"));
    }

    @Test
    void saysWhichSectionsHaveNoDataInsteadOfFailing() throws SQLException {
        SalesFixture.load(dataSource);
        // two weeks: too little history for a forecast; the other sections are still there (SalesFixture: orders 4 and 9)
        String range = "?from=2024-06-17&to=2024-06-30";
        analyst().accept("application/json").get(PATH + range).then().statusCode(200)
                .body("forecast", nullValue()).body("missing.forecast", containsString("history"))
                .body("kpis.current.orders", equalTo(2));
        String text = ExportFiles.pdfText(analyst().get(PATH + range + "&format=pdf").then().statusCode(200).extract()
                .asByteArray());
        assertThat(text).contains("Revenue forecast", "Not available for this period and filter:", "Key figures");
    }

    @Test
    void isForAnalysts() {
        given().auth().oauth2(TestTokens.forRole(Roles.VIEWER)).get(PATH).then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE);
        given().get(PATH).then().statusCode(401);
        analyst().get(PATH + "?format=doc").then().statusCode(400).body("field", equalTo("format"));
    }
}
