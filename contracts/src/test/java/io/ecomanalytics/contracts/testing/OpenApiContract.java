package io.ecomanalytics.contracts.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ecomanalytics.contracts.security.Roles;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A service's OpenAPI document is a contract a client can be generated from: every operation has a stable, unique
 * {@code operationId}, a summary and a tag; every refusal it can answer is documented with the problem+json schema; and the
 * query parameters it documents are exactly those it accepts (asked the service itself: a call with an unknown parameter is
 * refused with the list of the ones it takes). A service's test extends it.
 */
public abstract class OpenApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    private JsonNode document;

    @BeforeEach
    void readTheDocument() throws Exception {
        document = JSON.readTree(given().accept("application/json").get("/q/openapi").asString());
    }

    @Test
    void namesDescribesAndTagsEveryOperation() {
        List<String> missing = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        forEachOperation((method, path, operation) -> {
            String id = operation.path("operationId").asText("");
            if (id.isEmpty() || !id.matches("[a-z][A-Za-z0-9]*")) {
                missing.add(method + " " + path + ": operationId '" + id + "' is missing or not lowerCamelCase");
            } else if (!ids.add(id)) {
                missing.add(method + " " + path + ": operationId '" + id + "' is used twice");
            }
            if (operation.path("summary").asText("").isBlank()) {
                missing.add(method + " " + path + ": no summary");
            }
            if (operation.path("tags").isEmpty()) {
                missing.add(method + " " + path + ": no tag");
            }
            if (!operation.path("responses").fieldNames().hasNext()) {
                missing.add(method + " " + path + ": no responses");
            }
        });
        assertThat(missing).isEmpty();
    }

    @Test
    void documentsEveryRefusalAsProblemDetails() {
        List<String> missing = new ArrayList<>();
        forEachOperation((method, path, operation) -> {
            operation.path("responses").fields().forEachRemaining(response -> {
                if (response.getKey().compareTo("400") >= 0
                        && !response.getValue().path("content").has("application/problem+json")) {
                    missing.add(method + " " + path + " " + response.getKey());
                }
            });
            for (String code : List.of("400", "500")) {
                if (!operation.path("responses").has(code)) {
                    missing.add(method + " " + path + ": " + code + " not documented");
                }
            }
        });
        assertThat(missing).isEmpty();
        assertThat(document.path("components").path("schemas").path("Problem").path("properties").has("requestId"))
                .isTrue();
    }

    @Test
    void documentsExactlyTheQueryParametersEachOperationAccepts() {
        List<String> mismatches = new ArrayList<>();
        forEachOperation((method, path, operation) -> {
            Set<String> documented = new TreeSet<>();
            operation.path("parameters").forEach(p -> {
                if ("query".equals(p.path("in").asText())) {
                    documented.add(p.path("name").asText());
                }
            });
            RequestSpecification call = given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).urlEncodingEnabled(false);
            if (operation.path("requestBody").path("content").has("application/json")) {
                // the media type is checked before the parameters; the body is read only after them
                call = call.contentType("application/json").body("{}");
            }
            Response refusal = call.request(method.toUpperCase(), concrete(path) + "?zz-unknown=1");
            String detail = refusal.statusCode() == 400 ? refusal.jsonPath().getString("detail") : null;
            Set<String> accepted = accepted(detail);
            if (accepted == null) {
                mismatches.add(method + " " + path + ": an unknown parameter was not refused (" + refusal.statusCode()
                        + ")");
            } else if (!accepted.equals(documented)) {
                mismatches.add(method + " " + path + ": accepts " + accepted + ", documents " + documented);
            }
        });
        assertThat(mismatches).isEmpty();
    }

    /** The parameters named by StrictParameters' refusal of an unknown one, or null when the detail is not one. */
    private static Set<String> accepted(String detail) {
        if (detail == null || !detail.startsWith("unknown query parameter")) {
            return null;
        }
        Set<String> names = new TreeSet<>();
        int at = detail.indexOf("allowed: ");
        if (at >= 0) {
            for (String name : detail.substring(at + "allowed: ".length()).split(", ")) {
                names.add(name.strip());
            }
        }
        return names;
    }

    /** A path template with each parameter replaced by a value of its kind's shape. */
    private String concrete(String template) {
        return template.replaceAll("\\{[^}]*id[^}]*\\}", "1").replaceAll("\\{date\\}", "2024-01-01")
                .replaceAll("\\{[^}]+\\}", "x");
    }

    private void forEachOperation(OperationVisitor visitor) {
        document.path("paths").fields().forEachRemaining(path -> METHODS.forEach(method -> {
            JsonNode operation = path.getValue().path(method);
            if (!operation.isMissingNode()) {
                visitor.visit(method, path.getKey(), operation);
            }
        }));
    }

    @FunctionalInterface
    private interface OperationVisitor {
        void visit(String method, String path, JsonNode operation);
    }
}
