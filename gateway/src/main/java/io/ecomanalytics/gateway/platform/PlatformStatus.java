package io.ecomanalytics.gateway.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ecomanalytics.gateway.config.GatewayConfig;

/**
 * The platform at a glance for an admin: for every backend, whether it is ready (its own readiness checks, read from its
 * management port) and which version it runs (from its OpenAPI document), each asked at once, none for longer than
 * {@link #TIMEOUT}.
 */
@ApplicationScoped
public class PlatformStatus {
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final GatewayConfig config;
    private final ObjectMapper json;
    private final String version;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public PlatformStatus(GatewayConfig config, ObjectMapper json,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.config = config;
        this.json = json;
        this.version = version;
    }

    /** Every backend's readiness and version, and the gateway's own version. */
    public Report report() {
        Map<String, CompletableFuture<Backend>> asked = new TreeMap<>();
        config.backends().forEach((name, backend) -> asked.put(name, ask(name, backend)));
        List<Backend> backends = new ArrayList<>();
        asked.values().forEach(answer -> backends.add(answer.join()));
        return new Report(version, backends.stream().allMatch(Backend::ready), backends);
    }

    private CompletableFuture<Backend> ask(String name, GatewayConfig.Backend backend) {
        long started = System.nanoTime();
        CompletableFuture<JsonNode> health = get(URI.create(backend.managementUrl() + "/q/health/ready"));
        CompletableFuture<JsonNode> openapi = get(URI.create(backend.url() + "/q/openapi?format=json"));
        return health.thenCombine(openapi, (ready, document) -> {
            List<Check> checks = new ArrayList<>();
            ready.path("checks").forEach(c -> checks.add(new Check(c.path("name").asText(), c.path("status").asText())));
            String runs = document.path("info").path("version").asText(null);
            return new Backend(name, "UP".equals(ready.path("status").asText()), runs, checks,
                    ready.has("error") ? ready.path("error").asText() : null, (System.nanoTime() - started) / 1_000_000);
        });
    }

    /** The JSON body of a GET (also of a 503 readiness answer), or {@code {"error": …}} when none came in time. */
    private CompletableFuture<JsonNode> get(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            try {
                return json.readTree(response.body());
            } catch (Exception e) {
                return (JsonNode) json.createObjectNode().put("error", "answered " + response.statusCode()
                        + " without a JSON body");
            }
        }).exceptionally(e -> json.createObjectNode().put("error", "no answer from " + uri.getHost() + ":"
                + uri.getPort() + " (" + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName() + ")"));
    }

    /** The whole platform: ready when every backend is. */
    public record Report(String gatewayVersion, boolean ready, List<Backend> backends) {
    }

    /** One backend: ready or not, with its checks, its version, why it could not be asked, how long asking took. */
    public record Backend(String name, boolean ready, String version, List<Check> checks, String error,
            long tookMillis) {
    }

    /** One readiness check of a backend. */
    public record Check(String name, String status) {
    }
}
