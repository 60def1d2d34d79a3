package io.ecomanalytics.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The platform's API contract: the gateway's merged {@code GET /openapi} parses without a message in swagger-parser (the parser
 * behind openapi-generator), names, tags and summarises every operation, documents exactly the query parameters each GET
 * accepts, and is the document committed as {@code api/openapi.json}, from which the Java client is generated.
 * <p>
 * {@code -Dopenapi.update=true} (what {@code api/update.sh} runs) writes the live document to {@code api/openapi.json} before
 * the checks, which then compare it with itself. (Not {@code api.update}: the services' {@code api} configuration root refuses
 * unknown keys, and Quarkus tests in the same build see Maven's system properties.)
 */
class ApiContractIT {
    static final Path COMMITTED = Path.of("api", "openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final String UNKNOWN = "zz-unknown";
    private static final String PROBE_ADMIN = "contract-it-admin";
    private static final String PROBE_ADMIN_PASSWORD = "contract-it-admin-password";
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    private static Platform platform;
    private static String document;
    private static JsonNode tree;

    @BeforeAll
    static void theLiveDocument() throws IOException {
        platform = Platform.shared();
        // a backend too slow to answer the gateway is left out of the document, which the gateway then keeps for a minute
        // (GATEWAY_OPENAPI_REFRESH): on a busy machine, ask again until every backend is in it
        Awaitility.await("the merged document with every backend").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
                    HttpResponse<String> answer = platform.client().send("GET", null, "/openapi", null);
                    assertThat(answer.statusCode()).as("GET /openapi: %s", answer.body()).isEqualTo(200);
                    document = answer.body();
                    tree = JSON.readTree(document);
                    assertThat(tree.path("info").has("x-missing-backends")).as("backends left out of the document: %s",
                            tree.path("info").path("x-missing-backends")).isFalse();
                });
        if (Boolean.getBoolean("openapi.update")) {
            Path file = Platform.root().resolve(COMMITTED);
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(tree) + "\n");
        }
    }

    @Test
    void parsesWithoutAMessage() {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document, null, null);
        assertThat(parsed.getMessages()).as("swagger-parser's messages").isEmpty();
        assertThat(parsed.getOpenAPI()).isNotNull();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(parsed.getOpenAPI().getPaths()).isNotEmpty();
    }

    @Test
    void namesTagsAndSummarisesEveryOperation() {
        List<String> missing = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        forEachOperation((method, path, operation) -> {
            String id = operation.path("operationId").asText("");
            if (id.isBlank()) {
                missing.add(method + " " + path + ": no operationId");
            } else if (!ids.add(id)) {
                missing.add(method + " " + path + ": operationId " + id + " used twice");
            }
            if (operation.path("tags").isEmpty()) {
                missing.add(method + " " + path + ": no tags");
            }
            if (operation.path("summary").asText("").isBlank()) {
                missing.add(method + " " + path + ": no summary");
            }
        });
        assertThat(missing).isEmpty();
        assertThat(ids).as("operations").hasSizeGreaterThan(40);
    }

    @Test
    void isTheCommittedContract() throws IOException {
        Path file = Platform.root().resolve(COMMITTED);
        assertThat(file).as("the committed contract; make it with api/update.sh").exists();
        JsonNode committed = JSON.readTree(file.toFile());
        List<String> differences = new ArrayList<>();
        differences(committed, tree, "", differences);
        assertThat(differences).as("""
                %s differs from the platform's GET /openapi (committed -> live, first 20 shown). \
                Run api/update.sh and commit the file (the Java client in clients/java is generated from it)""", COMMITTED)
                .isEmpty();
    }

    @Test
    void everyGetRefusesAnUnknownParameterAndDocumentsExactlyTheOnesItTakes() throws Exception {
        String token = probeAdminToken();
        List<String> mismatches = new ArrayList<>();
        int probed = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = tree.path("paths").properties().iterator(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode operation = path.getValue().path("get");
            if (operation.isMissingNode()) {
                continue; // only GETs: the others change something, and a probe must not
            }
            probed++;
            Set<String> documented = new TreeSet<>();
            StringBuilder query = new StringBuilder();
            for (JsonNode parameter : parameters(path.getValue(), operation)) {
                if ("query".equals(parameter.path("in").asText())) {
                    documented.add(parameter.path("name").asText());
                    if (parameter.path("required").asBoolean()) {
                        query.append(encode(parameter.path("name").asText())).append('=')
                                .append(encode(harmlessValue(parameter))).append('&');
                    }
                }
            }
            query.append(UNKNOWN).append("=1");
            URI uri = platform.gateway().resolve(concrete(path.getKey(), path.getValue(), operation) + "?" + query);
            HttpResponse<String> answer = PlatformClient.exchange(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token).header("Accept", firstSuccessType(operation)).GET().build());
            String name = "GET " + path.getKey();
            if (answer.statusCode() != 400) {
                mismatches.add(name + ": " + answer.statusCode() + " instead of 400 for ?" + UNKNOWN + "=1");
                continue;
            }
            JsonNode problem = JSON.readTree(answer.body());
            if (!UNKNOWN.equals(problem.path("field").asText()) || !problem.path("detail").asText().contains(UNKNOWN)) {
                mismatches.add(name + ": the refusal does not name " + UNKNOWN + ": " + answer.body());
                continue;
            }
            Set<String> accepted = accepted(problem.path("detail").asText());
            if (!accepted.equals(documented)) {
                mismatches.add(name + ": accepts " + accepted + ", documents " + documented);
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(probed).as("GET operations probed").isGreaterThan(25);
    }

    /** An admin of this test's own, so its probes spend rate-limit buckets no other test uses. */
    private static String probeAdminToken() {
        PlatformClient client = platform.client();
        client.createUser(client.adminToken(), PROBE_ADMIN, PROBE_ADMIN_PASSWORD, "admin");
        return client.login(PROBE_ADMIN, PROBE_ADMIN_PASSWORD).accessToken();
    }

    /** The names StrictParameters lists in its refusal ("…; allowed: a, b" or "…; this operation takes none"). */
    private static Set<String> accepted(String detail) {
        Set<String> names = new TreeSet<>();
        int at = detail.indexOf("allowed: ");
        if (at >= 0) {
            for (String name : detail.substring(at + "allowed: ".length()).split(",")) {
                names.add(name.strip());
            }
        }
        return names;
    }

    /** The operation's own parameters and those of its path item (OpenAPI lets either carry them). */
    private static List<JsonNode> parameters(JsonNode pathItem, JsonNode operation) {
        List<JsonNode> all = new ArrayList<>();
        pathItem.path("parameters").forEach(all::add);
        operation.path("parameters").forEach(all::add);
        return all;
    }

    /** The path with each parameter replaced by a value its schema accepts; nothing is looked up before the refusal. */
    private static String concrete(String template, JsonNode pathItem, JsonNode operation) {
        Matcher m = PATH_PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            JsonNode parameter = parameters(pathItem, operation).stream()
                    .filter(p -> "path".equals(p.path("in").asText()) && m.group(1).equals(p.path("name").asText()))
                    .findFirst().orElse(null);
            m.appendReplacement(path, Matcher.quoteReplacement(encode(harmlessValue(parameter))));
        }
        m.appendTail(path);
        return path.toString();
    }

    /** A valid value of a parameter's schema: its example when it has one, else one of its type and format. */
    private static String harmlessValue(JsonNode parameter) {
        if (parameter == null) {
            return "1";
        }
        if (parameter.hasNonNull("example")) {
            return parameter.get("example").asText();
        }
        JsonNode schema = resolve(parameter.path("schema"));
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0).asText();
        }
        return switch (schema.path("format").asText(schema.path("type").asText())) {
            case "uuid" -> UUID.randomUUID().toString();
            case "date" -> "2024-01-01";
            case "integer", "int32", "int64", "number" -> "1";
            default -> "x";
        };
    }

    private static JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith("#/") ? tree.at(ref.substring(1)) : schema;
    }

    /** What the operation answers when it succeeds, so that content negotiation lets the call reach the parameter check. */
    private static String firstSuccessType(JsonNode operation) {
        for (Iterator<Map.Entry<String, JsonNode>> responses = operation.path("responses").properties().iterator(); responses
                .hasNext();) {
            Map.Entry<String, JsonNode> response = responses.next();
            if (response.getKey().startsWith("2") && response.getValue().path("content").fieldNames().hasNext()) {
                return response.getValue().path("content").fieldNames().next();
            }
        }
        return "application/json";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Where two JSON trees differ, as JSON pointers; object members in any order, arrays in order. */
    static void differences(JsonNode expected, JsonNode actual, String at, List<String> found) {
        if (found.size() >= 20 || expected.equals(actual)) {
            return;
        }
        if (expected instanceof ObjectNode e && actual instanceof ObjectNode a) {
            Set<String> names = new TreeSet<>();
            e.fieldNames().forEachRemaining(names::add);
            a.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = at + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!e.has(name)) {
                    found.add(child + ": only in the live document");
                } else if (!a.has(name)) {
                    found.add(child + ": only in the committed file");
                } else {
                    differences(e.get(name), a.get(name), child, found);
                }
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                differences(expected.get(i), actual.get(i), at + "/" + i, found);
            }
        } else {
            found.add((at.isEmpty() ? "/" : at) + ": " + abbreviate(expected) + " -> " + abbreviate(actual));
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }

    private static void forEachOperation(OperationVisitor visitor) {
        tree.path("paths").properties().forEach(path -> METHODS.forEach(method -> {
            JsonNode operation = path.getValue().path(method);
            if (!operation.isMissingNode()) {
                visitor.visit(method.toUpperCase(), path.getKey(), operation);
            }
        }));
    }

    @FunctionalInterface
    private interface OperationVisitor {
        void visit(String method, String path, JsonNode operation);
    }
}
