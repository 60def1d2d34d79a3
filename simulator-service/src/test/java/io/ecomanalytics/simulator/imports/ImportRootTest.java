package io.ecomanalytics.simulator.imports;

import static io.ecomanalytics.simulator.imports.ImportFixtures.inRoot;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * JSON imports read only inside the imports root (issue 17, item 4): every way out of it, and every path that names nothing
 * there, gets the same 400, which neither quotes a file nor tells whether it exists.
 */
@QuarkusTest
class ImportRootTest {
    private final List<Path> created = new ArrayList<>();

    @Inject
    DataSource dataSource;

    @BeforeEach
    void empty() {
        ImportFixtures.emptyCommerce(dataSource);
    }

    @AfterEach
    void deleteCreatedFiles() throws IOException {
        for (int i = created.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(created.get(i));
        }
    }

    @Test
    void everyOrderLinesPathOutsideTheRootOrMissingGetsOneAnswer() throws IOException {
        Path linkOut = link("link-to-passwd.csv", Path.of("/etc/passwd"));
        List<String> paths = List.of("/etc/passwd", "../../etc/passwd", "../../../../../../../../etc/passwd",
                Path.of("pom.xml").toAbsolutePath().toString(), linkOut.getFileName().toString(),
                "order-lines/no-such-file.csv", "order-lines", "order-lines/a\u0000b.csv", "x".repeat(2000), "", "line\nbreak");

        List<Map<String, Object>> answers = new ArrayList<>();
        for (String path : paths) {
            answers.add(refusal(post("/api/v1/imports/order-lines", Map.of("path", path)), "path", path));
        }

        assertThat(answers).as("one answer for every path").allSatisfy(a -> assertThat(a).isEqualTo(answers.get(0)));
        assertThat(answers.get(0).get("detail"))
                .isEqualTo("path must name a readable file inside the imports folder (IMPORTS_ROOT), given relative to it");
        assertThat(admin().get("/api/v1/imports").jsonPath().getList("$")).isEmpty();
    }

    @Test
    void everyOlistFolderOutsideTheRootOrMissingGetsOneAnswer() throws IOException {
        Path linkOut = link("link-to-etc", Path.of("/etc"));
        List<String> directories = List.of("/etc", "../../..", "/", Path.of("src").toAbsolutePath().toString(),
                linkOut.getFileName().toString(), "no-such-folder", "order-lines/online_retail_sample.csv", "olist\u0000",
                "y".repeat(5000));

        List<Map<String, Object>> answers = new ArrayList<>();
        for (String directory : directories) {
            answers.add(refusal(post("/api/v1/imports/olist", Map.of("directory", directory)), "directory", directory));
        }

        assertThat(answers).allSatisfy(a -> assertThat(a).isEqualTo(answers.get(0)));
        assertThat(answers.get(0).get("detail")).isEqualTo(
                "directory must name a readable folder inside the imports folder (IMPORTS_ROOT), given relative to it");
    }

    @Test
    void aFileInsideAFolderThatLinksOutOfTheRootIsNotRead() throws IOException {
        // a folder inside the root whose orders file is a link to /etc/passwd: the link is left out as if it were not there
        Path folder = created(Files.createDirectories(inRoot("olist-with-a-link")));
        try (var files = Files.list(ImportFixtures.resource(ImportFixtures.VALID_OLIST))) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().startsWith("olist_orders_dataset")) {
                    created(Files.copy(f, folder.resolve(f.getFileName())));
                }
            }
        }
        created(Files.createSymbolicLink(folder.resolve("olist_orders_dataset.csv"), Path.of("/etc/passwd")));

        Response answer = post("/api/v1/imports/olist", Map.of("directory", "olist-with-a-link"));

        answer.then().statusCode(400).contentType("application/problem+json");
        assertThat(answer.asString()).contains("needs olist_orders_dataset.csv").doesNotContain("root:");
    }

    @Test
    void aFileWithoutTheColumnsIsRefusedWithoutQuotingIt() throws IOException {
        Path file = created(Files.writeString(inRoot("not-order-lines.csv"),
                "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"));

        Response answer = post("/api/v1/imports/order-lines", Map.of("path", file.getFileName().toString()));

        answer.then().statusCode(400).contentType("application/problem+json");
        assertThat(answer.path("detail").toString()).isEqualTo("not-order-lines.csv has no column 'InvoiceNo' (the columns"
                + " needed: InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country)");
        assertThat(answer.asString()).doesNotContain("root:").doesNotContain("daemon");
    }

    @Test
    void aMalformedCsvIsRefusedWithoutQuotingIt() throws IOException {
        Path file = created(Files.writeString(inRoot("malformed.csv"),
                "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                        + "\"secret-value\"x,1,2,3,4,5,6,7\n"));

        Response answer = post("/api/v1/imports/order-lines", Map.of("path", file.getFileName().toString()));

        answer.then().statusCode(400).contentType("application/problem+json");
        assertThat(answer.path("detail").toString()).startsWith("malformed.csv is not a well-formed CSV file");
        assertThat(answer.asString()).doesNotContain("secret");
    }

    /** The answer's problem without what differs by call (request id) or names the field, after checking both. */
    private static Map<String, Object> refusal(Response answer, String field, String given) {
        answer.then().statusCode(400).contentType("application/problem+json");
        assertThat(answer.asString()).as(given).doesNotContain("root:").doesNotContain("daemon");
        Map<String, Object> body = new LinkedHashMap<>(answer.jsonPath().getMap("$"));
        assertThat(body.get("field")).as(given).isEqualTo(field);
        body.remove("requestId");
        return body;
    }

    private static Response post(String path, Map<String, String> body) {
        return admin().contentType("application/json").body(body).post(path);
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.forRole(Roles.ADMIN));
    }

    private Path link(String name, Path target) throws IOException {
        Path link = inRoot(name);
        Files.deleteIfExists(link);
        return created(Files.createSymbolicLink(link, target));
    }

    private Path created(Path path) {
        created.add(path);
        return path;
    }
}
