package io.ecomanalytics.contracts.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ecomanalytics.contracts.security.Roles;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A hostile caller's sweep over a service's whole OpenAPI document: for every parameter and every JSON body field of every
 * operation it sends wrong types, values past the bounds, dates at the edges of {@code LocalDate}, NUL, 10 kB strings, digits
 * of other scripts and an unknown parameter, one bad value at a time in an otherwise well-formed call, as an admin (so every
 * value reaches the service's own checks). Every answer must be below 500, every refusal {@code application/problem+json}, and
 * every value that can only be wrong must be refused with a 4xx; 5 s later no statement of the service may still run in
 * PostgreSQL. A service's test extends it; operations that stream forever (server-sent events) are left out.
 */
public abstract class BadInputSweepContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String TEN_KB = "x".repeat(10_240);
    private static final List<String> DATE_EDGES = List.of("+999999999-12-31", "-999999999-01-01", "0000-01-01",
            "0001-01-01", "9999-12-31", "+10000-01-01", "1970-01-01", "2101-01-01", "2024-02-30", "2024-13-01",
            "٢٠٢٤-٠١-٠١", "2024-1-1", "20240101");
    private static final List<String> NOT_NUMBERS = List.of("abc", "1.5", "1e3", "NaN", "Infinity", "0x10", "١٢",
            "99999999999999999999", "-99999999999999999999", "", " 1");
    private static final String PROBLEM = "application/problem+json";

    /** Operations, as {@code METHOD path}, that the sweep must not call. */
    protected Set<String> skipped() {
        return Set.of();
    }

    @Test
    void refusesEveryBadValueOfEveryOperationWithoutAFailure() throws Exception {
        JsonNode document = JSON.readTree(given().accept("application/json").get("/q/openapi").asString());
        List<Probe> probes = probes(document);
        assertThat(probes).as("the document declares parameters or bodies to sweep").isNotEmpty();
        List<String> failures = new ArrayList<>();
        for (Probe probe : probes) {
            Response answer = send(probe);
            int status = answer.statusCode();
            String type = answer.contentType() == null ? "" : answer.contentType();
            boolean problem = type.startsWith(PROBLEM);
            if (status >= 500 || (status >= 400 && !problem) || (probe.mustRefuse() && (status < 400 || status == 401
                    || status == 403))) {
                String body = answer.asString();
                failures.add(probe + " → " + status + " " + type + " "
                        + (body.length() > 200 ? body.substring(0, 200) + "…" : body));
            }
        }
        assertThat(failures).as("%d of %d probes went wrong", failures.size(), probes.size()).isEmpty();
        Awaitility.await("no statement of the service still running").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200)).until(() -> runningStatements().isEmpty());
    }

    private Response send(Probe probe) {
        RequestSpecification call = given().urlEncodingEnabled(false)
                .config(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 60_000)))
                .auth().oauth2(TestTokens.forRole(Roles.ADMIN)).accept("application/json");
        if (probe.body() != null) {
            call = call.contentType("application/json").body(probe.body());
        }
        return call.request(probe.method(), probe.url());
    }

    /** Every probe of every operation of the document. */
    private List<Probe> probes(JsonNode document) {
        List<Probe> probes = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String method = op.getKey().toUpperCase();
            JsonNode operation = op.getValue();
            if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)
                    || skipped().contains(method + " " + path.getKey()) || streams(operation)) {
                return;
            }
            probes.addAll(new Operation(document, method, path.getKey(), operation).probes());
        }));
        return probes;
    }

    private static boolean streams(JsonNode operation) {
        Iterator<JsonNode> responses = operation.path("responses").elements();
        while (responses.hasNext()) {
            if (responses.next().path("content").has("text/event-stream")) {
                return true;
            }
        }
        return false;
    }

    /** One call: the bad value is in {@code url} or {@code body}; {@code mustRefuse} when no service may accept it. */
    record Probe(String method, String url, String body, boolean mustRefuse, String what) {
        @Override
        public String toString() {
            return method + " " + (url.length() > 120 ? url.substring(0, 120) + "…" : url) + " [" + what + "]";
        }
    }

    /** One operation of the document and the probes of its parameters and body. */
    private static final class Operation {
        private final JsonNode document;
        private final String method;
        private final String template;
        private final List<JsonNode> parameters = new ArrayList<>();
        private final JsonNode bodySchema;

        Operation(JsonNode document, String method, String template, JsonNode operation) {
            this.document = document;
            this.method = method;
            this.template = template;
            operation.path("parameters").forEach(p -> parameters.add(resolve(p)));
            JsonNode json = operation.path("requestBody").path("content").path("application/json").path("schema");
            this.bodySchema = json.isMissingNode() ? null : resolve(json);
        }

        List<Probe> probes() {
            List<Probe> probes = new ArrayList<>();
            String body = bodySchema == null ? null : validObject(bodySchema, 0).toString();
            probes.add(new Probe(method, url(Map.of()) + "?zz-unknown=1", body, true, "unknown query parameter"));
            for (JsonNode parameter : parameters) {
                String name = parameter.path("name").asText();
                String in = parameter.path("in").asText();
                if (!in.equals("query") && !in.equals("path")) {
                    continue;
                }
                JsonNode schema = resolve(parameter.path("schema"));
                for (Bad bad : badTexts(schema)) {
                    if (in.equals("path") && bad.value().isEmpty()) {
                        // the HTTP client folds the empty segment ("customers//ltv" goes out as "customers/ltv"): that
                        // would be another operation's call, judged by its own probes (the gateway refuses "//" itself)
                        continue;
                    }
                    String encoded = URLEncoder.encode(bad.value(), StandardCharsets.UTF_8).replace("+", "%20");
                    String url = in.equals("path")
                            ? url(Map.of(name, encoded))
                            : url(Map.of()) + "?" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + encoded;
                    probes.add(new Probe(method, url, body, bad.mustRefuse(), in + " " + name + " = " + bad.label()));
                }
                if (in.equals("query")) {
                    probes.add(new Probe(method, url(Map.of()) + "?" + name + "=1&" + name + "=2", body, true,
                            "query " + name + " twice"));
                }
            }
            if (bodySchema != null) {
                probes.addAll(bodyProbes());
            }
            return probes;
        }

        private List<Probe> bodyProbes() {
            List<Probe> probes = new ArrayList<>();
            String url = url(Map.of());
            probes.add(new Probe(method, url, "{", true, "body not JSON"));
            probes.add(new Probe(method, url, "[]", true, "body an array"));
            probes.add(new Probe(method, url, "{\"a\":1} {}", true, "body with trailing data"));
            ObjectNode valid = validObject(bodySchema, 0);
            ObjectNode unknown = valid.deepCopy();
            unknown.put("zzUnknown", 1);
            probes.add(new Probe(method, url, unknown.toString(), true, "unknown body field"));
            bodySchema.path("properties").fields().forEachRemaining(property -> {
                JsonNode schema = resolve(property.getValue());
                for (BadJson bad : badJson(schema)) {
                    ObjectNode body = valid.deepCopy();
                    body.set(property.getKey(), bad.value());
                    probes.add(new Probe(method, url, body.toString(), bad.mustRefuse(),
                            "body " + property.getKey() + " = " + bad.label()));
                }
            });
            return probes;
        }

        /** The path with its parameters filled in: the given ones, and a plausible value for the others. */
        private String url(Map<String, String> given) {
            String url = template;
            for (JsonNode parameter : parameters) {
                if (parameter.path("in").asText().equals("path")) {
                    String name = parameter.path("name").asText();
                    String value = given.containsKey(name)
                            ? given.get(name)
                            : URLEncoder.encode(plausible(resolve(parameter.path("schema"))).asText(), StandardCharsets.UTF_8);
                    url = url.replace("{" + name + "}", value);
                }
            }
            return url;
        }

        private JsonNode resolve(JsonNode node) {
            JsonNode ref = node.path("$ref");
            if (ref.isTextual() && ref.asText().startsWith("#/")) {
                JsonNode target = document;
                for (String part : ref.asText().substring(2).split("/")) {
                    target = target.path(part);
                }
                return resolve(target);
            }
            if (node.has("allOf") && node.path("allOf").size() == 1) {
                return resolve(node.path("allOf").get(0));
            }
            return node;
        }

        /** A body that passes every check of the schema, so a probe's one bad field is what is judged. */
        private ObjectNode validObject(JsonNode schema, int depth) {
            ObjectNode body = NODES.objectNode();
            if (depth > 3) {
                return body;
            }
            schema.path("properties").fields().forEachRemaining(p -> {
                JsonNode property = resolve(p.getValue());
                if (property.path("readOnly").asBoolean()) {
                    return;
                }
                body.set(p.getKey(), property.path("type").asText().equals("object") && property.has("properties")
                        ? validObject(property, depth + 1)
                        : plausible(property));
            });
            return body;
        }

        private List<Bad> badTexts(JsonNode schema) {
            List<Bad> bad = new ArrayList<>();
            bad.add(new Bad("a\u0000b", true, "NUL"));
            bad.add(new Bad(TEN_KB, true, "10 kB"));
            bad.add(new Bad("١٢٣", !isText(schema), "Arabic-Indic digits"));
            String type = schema.path("type").asText();
            if (type.equals("integer") || type.equals("number")) {
                NOT_NUMBERS.forEach(v -> bad.add(new Bad(v, true, "'" + v + "'")));
                if (schema.has("minimum")) {
                    bad.add(new Bad(schema.path("minimum").decimalValue().subtract(java.math.BigDecimal.ONE).toPlainString(),
                            true, "below minimum"));
                }
                if (schema.has("maximum")) {
                    bad.add(new Bad(schema.path("maximum").decimalValue().add(java.math.BigDecimal.ONE).toPlainString(),
                            true, "above maximum"));
                }
            } else if (type.equals("boolean")) {
                List.of("yes", "1", "TRUE ").forEach(v -> bad.add(new Bad(v, true, "'" + v + "'")));
            } else if (schema.path("format").asText().equals("date")) {
                DATE_EDGES.forEach(v -> bad.add(new Bad(v, true, "date " + v)));
            } else if (schema.has("enum")) {
                List.of("zz-not-a-value", "1").forEach(v -> bad.add(new Bad(v, true, "'" + v + "'")));
            } else if (schema.path("format").asText().equals("uuid")) {
                bad.add(new Bad("not-a-uuid", true, "not a UUID"));
            }
            return bad;
        }

        private static boolean isText(JsonNode schema) {
            return schema.path("type").asText().equals("string") && !schema.has("format") && !schema.has("enum")
                    && !schema.has("pattern");
        }

        private List<BadJson> badJson(JsonNode schema) {
            List<BadJson> bad = new ArrayList<>();
            String type = schema.path("type").asText();
            bad.add(new BadJson(NODES.arrayNode(), !type.equals("array"), "an array"));
            bad.add(new BadJson(NODES.objectNode(), !type.equals("object"), "an object"));
            switch (type) {
                case "string" -> {
                    bad.add(new BadJson(NODES.numberNode(1), true, "a number"));
                    bad.add(new BadJson(NODES.booleanNode(true), true, "a boolean"));
                    bad.add(new BadJson(NODES.textNode("a\u0000b"), true, "NUL"));
                    bad.add(new BadJson(NODES.textNode(TEN_KB), true, "10 kB"));
                    if (schema.path("format").asText().equals("date")) {
                        DATE_EDGES.forEach(v -> bad.add(new BadJson(NODES.textNode(v), true, "date " + v)));
                    }
                    if (schema.has("enum")) {
                        bad.add(new BadJson(NODES.textNode("zz-not-a-value"), true, "not in the enumeration"));
                    }
                }
                case "integer", "number" -> {
                    bad.add(new BadJson(NODES.textNode("1"), true, "a number in quotes"));
                    bad.add(new BadJson(NODES.booleanNode(true), true, "a boolean"));
                    bad.add(new BadJson(NODES.numberNode(new java.math.BigInteger("99999999999999999999999")), true,
                            "a huge number"));
                    if (type.equals("integer")) {
                        bad.add(new BadJson(NODES.numberNode(1.5), true, "a fraction"));
                    }
                    if (schema.has("minimum")) {
                        bad.add(new BadJson(NODES.numberNode(schema.path("minimum").decimalValue()
                                .subtract(java.math.BigDecimal.ONE)), true, "below minimum"));
                    }
                    if (schema.has("maximum")) {
                        bad.add(new BadJson(NODES.numberNode(schema.path("maximum").decimalValue()
                                .add(java.math.BigDecimal.ONE)), true, "above maximum"));
                    }
                }
                case "boolean" -> {
                    bad.add(new BadJson(NODES.textNode("true"), true, "a boolean in quotes"));
                    bad.add(new BadJson(NODES.numberNode(1), true, "a number"));
                }
                default -> {
                }
            }
            return bad;
        }

        /** A value the schema accepts. */
        private static JsonNode plausible(JsonNode schema) {
            if (schema.has("example")) {
                return schema.path("example");
            }
            if (schema.has("default")) {
                return schema.path("default");
            }
            if (schema.has("enum") && schema.path("enum").size() > 0) {
                return schema.path("enum").get(0);
            }
            return switch (schema.path("type").asText()) {
                case "integer" -> NODES.numberNode(schema.has("minimum") ? schema.path("minimum").asLong() : 1);
                case "number" -> NODES.numberNode(schema.has("minimum")
                        ? schema.path("minimum").decimalValue()
                        : java.math.BigDecimal.ONE);
                case "boolean" -> NODES.booleanNode(false);
                case "array" -> NODES.arrayNode();
                default -> switch (schema.path("format").asText()) {
                    case "date" -> NODES.textNode("2024-01-01");
                    case "date-time" -> NODES.textNode("2024-01-01T00:00:00Z");
                    case "uuid" -> NODES.textNode("00000000-0000-4000-8000-000000000000");
                    default -> NODES.textNode("probe-" + "value".repeat(2));
                };
            };
        }
    }

    private record Bad(String value, boolean mustRefuse, String label) {
    }

    private record BadJson(JsonNode value, boolean mustRefuse, String label) {
    }

    /** Statements of the service's database that run now, other than this query. */
    private static List<String> runningStatements() throws SQLException {
        Config config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres");
        String password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        try (Connection c = DriverManager.getConnection(url, user, password);
                PreparedStatement st = c.prepareStatement("SELECT left(query, 200) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()"
                        + " AND backend_type = 'client backend'")) {
            try (ResultSet rs = st.executeQuery()) {
                List<String> running = new ArrayList<>();
                while (rs.next()) {
                    running.add(rs.getString(1));
                }
                return running;
            }
        }
    }
}
