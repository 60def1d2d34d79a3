package io.ecomanalytics.simulator.imports.rest;

import static io.ecomanalytics.simulator.imports.ImportFixtures.ORDER_LINES;
import static io.ecomanalytics.simulator.imports.ImportFixtures.VALID_OLIST;
import static io.ecomanalytics.simulator.imports.ImportFixtures.counts;
import static io.ecomanalytics.simulator.imports.ImportFixtures.olistCopy;
import static io.ecomanalytics.simulator.imports.ImportFixtures.resource;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.ProtectedEndpointContract;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.ecomanalytics.simulator.imports.ImportFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class ImportResourceTest extends ProtectedEndpointContract {
    private static final List<String> ENDED = List.of("COMPLETED", "FAILED", "CANCELLED");

    @Inject
    DataSource dataSource;

    @Override
    protected String adminPath() {
        return "/api/v1/imports";
    }

    @BeforeEach
    void empty() {
        ImportFixtures.emptyCommerce(dataSource);
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.forRole(Roles.ADMIN));
    }

    private static void awaitEndOfEveryImport() {
        await().atMost(Duration.ofSeconds(60)).until(() -> admin().get("/api/v1/imports").jsonPath()
                .<String>getList("status").stream().allMatch(ENDED::contains));
    }

    /** Waits for the import at {@code location} to end and returns its final state. */
    private static JsonPath awaitEnd(String location) {
        await().atMost(Duration.ofSeconds(60)).until(() -> ENDED.contains(admin().get(location).path("status")));
        return admin().get(location).then().statusCode(200).extract().jsonPath();
    }

    private static RequestSpecification olistParts(Path dir) throws IOException {
        RequestSpecification request = admin().contentType("multipart/form-data");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                request = request.multiPart(f.getFileName().toString(), f.toFile());
            }
        }
        return request;
    }

    @Test
    void importsAServerFolderAsAJob() {
        String location = admin().contentType("application/json")
                .body(Map.of("directory", "olist/valid", "replace", false))
                .post("/api/v1/imports/olist").then().statusCode(202)
                .header("Location", matchesPattern(".*/api/v1/imports/[0-9a-f-]{36}"))
                .body("kind", equalTo("import-olist")).extract().header("Location");

        JsonPath run = awaitEnd(location);

        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getDouble("percent")).isEqualTo(100.0);
        assertThat(run.getLong("result.totals.read")).isEqualTo(29 + 34 + 31 + 29 + 31 + 28 + 71);
        assertThat(run.getLong("result.files.'olist_orders_dataset.csv.gz'.loaded")).isEqualTo(29);
        assertThat(run.getLong("counts.rejected")).isZero();
        assertThat(counts(dataSource)).containsEntry("orders", 29L);
        admin().get("/api/v1/imports").then().statusCode(200).body("[0].id", equalTo(run.getString("id")));
    }

    @Test
    void importsUploadedFilesAndReplaces() throws IOException {
        String first = olistParts(resource(VALID_OLIST)).post("/api/v1/imports/olist").then().statusCode(202)
                .extract().header("Location");
        assertThat(awaitEnd(first).getString("status")).isEqualTo("COMPLETED");

        String second = olistParts(resource(VALID_OLIST)).multiPart("replace", "true").post("/api/v1/imports/olist")
                .then().statusCode(202).extract().header("Location");
        JsonPath run = awaitEnd(second);

        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getLong("result.totals.rejected")).isZero();
        assertThat(counts(dataSource)).containsEntry("orders", 29L).containsEntry("order_items", 34L);
    }

    @Test
    void refusesATruncatedGzipUploadWith400(@TempDir Path dir) throws IOException {
        Path orders = olistCopy(dir).resolve("olist_orders_dataset.csv.gz");
        byte[] whole = Files.readAllBytes(orders);
        Files.write(orders, Arrays.copyOf(whole, whole.length - 100));

        olistParts(dir).post("/api/v1/imports/olist").then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("olist_orders_dataset.csv.gz"))
                .body("detail", containsString("truncated or corrupt gzip"));
        admin().get("/api/v1/imports").then().body("size()", equalTo(0));
    }

    @Test
    void refusesAFolderThatDoesNotExist() {
        admin().contentType("application/json").body(Map.of("directory", "/no/such/folder"))
                .post("/api/v1/imports/olist").then().statusCode(400).body("field", equalTo("directory"));
    }

    @Test
    void importsAnUploadedOrderLinesFile() {
        String location = admin().contentType("multipart/form-data")
                .multiPart("file", resource(ORDER_LINES).toFile()).multiPart("replace", "true")
                .post("/api/v1/imports/order-lines").then().statusCode(202).body("kind", equalTo("import-order-lines"))
                .extract().header("Location");

        JsonPath run = awaitEnd(location);

        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getMap("result.files.'online_retail_sample.csv'")).containsEntry("read", 30)
                .containsEntry("loaded", 29).containsEntry("rejected", 1);
        assertThat(run.getString("result.rejectedRows[0].rule")).isEqualTo("non-negative:UnitPrice");
    }

    @Test
    void importsAnOrderLinesFileByPathWithAMapping() {
        admin().contentType("application/json")
                .body(Map.of("path", "order-lines/online_retail_sample.csv", "mapping", Map.of("sku", "StockCode")))
                .post("/api/v1/imports/order-lines").then().statusCode(400).body("field", equalTo("mapping.sku"));
        String location = admin().contentType("application/json")
                .body(Map.of("path", "order-lines/online_retail_sample.csv", "mapping", Map.of("stockCode", "StockCode"),
                        "dateFormat", "yyyy-MM-dd HH:mm:ss"))
                .post("/api/v1/imports/order-lines").then().statusCode(202).extract().header("Location");

        assertThat(awaitEnd(location).getLong("result.totals.loaded")).isEqualTo(29);
    }

    @Test
    void cancelsOnlyRunningImportsAndAnswers404ForUnknownOnes() {
        String location = admin().contentType("application/json")
                .body(Map.of("directory", resource(VALID_OLIST).toString())).post("/api/v1/imports/olist").then()
                .statusCode(202).extract().header("Location");
        awaitEnd(location);

        admin().delete(location).then().statusCode(409);
        admin().delete("/api/v1/imports/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        admin().get("/api/v1/imports/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }

    @Test
    void cancellingARunningImportRollsItBack() throws IOException {
        // 200,000 lines take seconds to load, the DELETE milliseconds to arrive.
        Path file = ImportFixtures.inRoot("generated-" + UUID.randomUUID() + ".csv");
        StringBuilder csv = new StringBuilder(
                "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
        for (int i = 0; i < 200_000; i++) {
            csv.append(i / 4).append(",SKU").append(i % 500).append(",item,2,2011-01-01 10:00:00,1.5,")
                    .append(i % 1000).append(",United Kingdom\n");
        }
        Files.writeString(file, csv);
        String location;
        try {
            location = admin().contentType("application/json").body(Map.of("path", file.getFileName().toString()))
                    .post("/api/v1/imports/order-lines").then().statusCode(202).extract().header("Location");
            admin().delete(location).then().statusCode(202);
        } finally {
            // the job read the file before its transaction began, or was cancelled before reading it
            awaitEndOfEveryImport();
            Files.delete(file);
        }

        JsonPath run = awaitEnd(location);
        assertThat(run.getString("status")).isEqualTo("CANCELLED");
        assertThat(run.getString("error")).startsWith("cancelled");
        assertThat(counts(dataSource)).containsEntry("orders", 0L).containsEntry("order_items", 0L)
                .containsEntry("customers", 0L);
    }

    @Test
    void startingAnImportNeedsAnAdmin() {
        given().contentType("application/json").body(Map.of("directory", "/tmp")).post("/api/v1/imports/olist").then()
                .statusCode(401);
        given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).contentType("application/json")
                .body(Map.of("directory", "/tmp")).post("/api/v1/imports/olist").then().statusCode(403);
        given().auth().oauth2(TestTokens.forRole(Roles.ANALYST)).delete("/api/v1/imports/"
                + "00000000-0000-0000-0000-000000000000").then().statusCode(403);
    }
}
