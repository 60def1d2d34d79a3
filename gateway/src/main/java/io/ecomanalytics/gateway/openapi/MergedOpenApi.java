package io.ecomanalytics.gateway.openapi;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ecomanalytics.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves {@code /openapi}: one OpenAPI document for the whole platform, the gateway's own routes (login, users) plus each
 * backend's {@code /q/openapi}, fetched at run time and kept for {@code gateway.openapi.refresh}. Paths are kept as they are
 * (the gateway routes them unchanged); component names that clash get the backend's name as prefix; a backend that does not
 * answer is left out and named in the description. Swagger UI at {@code /q/swagger-ui} shows this document.
 */
@ApplicationScoped
public class MergedOpenApi {
    static final String PATH = "/openapi";
    private static final String SCHEME = "jwt";
    private static final String COMPONENTS_PREFIX = "#/components/";

    private final GatewayConfig config;
    private final ObjectMapper json;
    private final HttpClient client;
    private final AtomicReference<Cached> cache = new AtomicReference<>();

    public MergedOpenApi(GatewayConfig config, ObjectMapper json, Vertx vertx) {
        this.config = config;
        this.json = json;
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2000));
    }

    void install(@Observes Router router) {
        router.get(PATH).handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        Cached cached = cache.get();
        long now = System.nanoTime();
        Future<String> document = cached != null && now - cached.at() < config.openapi().refresh().toNanos()
                ? Future.succeededFuture(cached.text())
                : build(ctx.request().localAddress().port()).map(text -> {
                    cache.set(new Cached(text, now));
                    return text;
                });
        document.onSuccess(text -> ctx.response().putHeader("Content-Type", "application/json").end(text))
                .onFailure(ctx::fail);
    }

    private Future<String> build(int ownPort) {
        Map<String, Future<JsonNode>> backends = new TreeMap<>();
        config.backends().forEach((name, backend) -> backends.put(name, fetch(URI.create(backend.url()))));
        Future<JsonNode> own = fetch(URI.create("http://127.0.0.1:" + ownPort));
        List<Future<?>> all = new ArrayList<>(backends.values());
        all.add(own);
        return Future.join(all).transform(done -> own.map(gateway -> {
            ObjectNode merged = (ObjectNode) gateway;
            List<String> missing = new ArrayList<>();
            backends.forEach((name, doc) -> {
                if (doc.succeeded()) {
                    merge(merged, name, (ObjectNode) doc.result());
                } else {
                    missing.add(name + " (" + doc.cause().getMessage() + ")");
                }
            });
            finish(merged, missing);
            try {
                return json.writeValueAsString(merged);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    private Future<JsonNode> fetch(URI base) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost())
                .setPort(base.getPort()).setURI("/q/openapi?format=json").setIdleTimeout(5000)
                .putHeader("Accept", "application/json");
        return client.request(options).compose(request -> request.send()).compose(response -> {
            if (response.statusCode() != 200) {
                return Future.failedFuture("status " + response.statusCode());
            }
            return response.body();
        }).map(this::parse);
    }

    private JsonNode parse(Buffer body) {
        try {
            return json.readTree(body.getBytes());
        } catch (Exception e) {
            throw new IllegalStateException("not an OpenAPI JSON document", e);
        }
    }

    /** Adds a backend's paths, tags and components; its components are renamed where the name is already taken. */
    void merge(ObjectNode merged, String backend, ObjectNode doc) {
        ObjectNode components = merged.with("components");
        Map<String, String> renames = new TreeMap<>();
        JsonNode theirs = doc.path("components");
        for (Iterator<Map.Entry<String, JsonNode>> sections = theirs.fields(); sections.hasNext();) {
            Map.Entry<String, JsonNode> section = sections.next();
            if ("securitySchemes".equals(section.getKey())) {
                continue; // the gateway's bearer scheme is the one scheme of the platform
            }
            ObjectNode ours = components.with(section.getKey());
            section.getValue().fields().forEachRemaining(component -> {
                String name = component.getKey();
                if (ours.has(name) && !ours.get(name).equals(component.getValue())) {
                    String renamed = prefix(backend) + name;
                    renames.put(COMPONENTS_PREFIX + section.getKey() + "/" + name,
                            COMPONENTS_PREFIX + section.getKey() + "/" + renamed);
                }
            });
        }
        rewriteRefs(doc, renames);
        for (Iterator<Map.Entry<String, JsonNode>> sections = doc.path("components").fields(); sections.hasNext();) {
            Map.Entry<String, JsonNode> section = sections.next();
            if ("securitySchemes".equals(section.getKey())) {
                continue;
            }
            ObjectNode ours = components.with(section.getKey());
            section.getValue().fields().forEachRemaining(component -> {
                String ref = COMPONENTS_PREFIX + section.getKey() + "/" + component.getKey();
                String name = renames.containsKey(ref)
                        ? renames.get(ref).substring(renames.get(ref).lastIndexOf('/') + 1)
                        : component.getKey();
                ours.set(name, component.getValue());
            });
        }
        ObjectNode paths = merged.with("paths");
        doc.path("paths").fields().forEachRemaining(path -> {
            if (!paths.has(path.getKey())) {
                paths.set(path.getKey(), path.getValue());
            }
        });
        ArrayNode tags = merged.withArray("tags");
        doc.path("tags").forEach(tag -> {
            boolean known = false;
            for (JsonNode existing : tags) {
                known |= existing.path("name").equals(tag.path("name"));
            }
            if (!known) {
                tags.add(tag);
            }
        });
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return;
        }
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && renames.containsKey(ref.asText())) {
                object.put("$ref", renames.get(ref.asText()));
            }
            object.forEach(child -> rewriteRefs(child, renames));
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewriteRefs(child, renames));
        }
    }

    /** The bearer scheme for every route but login, one server (the gateway), and a note on backends left out. */
    private static void finish(ObjectNode merged, List<String> missing) {
        ObjectNode info = merged.with("info");
        info.put("title", "ecommerce-analytics platform");
        String description = "Every route of the platform through its gateway. Log in with POST /auth/token, then"
                + " Authorize with the access_token.";
        if (!missing.isEmpty()) {
            description += " Left out because they did not answer: " + String.join(", ", missing) + ".";
            ArrayNode note = info.putArray("x-missing-backends");
            missing.forEach(note::add);
        }
        info.put("description", description);
        merged.remove("servers");
        ObjectNode schemes = merged.with("components").putObject("securitySchemes");
        schemes.set(SCHEME, merged.objectNode().put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT"));
        merged.putArray("security").addObject().putArray(SCHEME);
        merged.path("paths").fields().forEachRemaining(path -> path.getValue().forEach(operation -> {
            if (!(operation instanceof ObjectNode op)) {
                return;
            }
            if (path.getKey().startsWith("/auth/")) {
                op.putArray("security");
            } else if (op.has("security")) {
                // each service names its scheme its own way; in this document they are all the gateway's bearer token
                op.putArray("security").addObject().putArray(SCHEME);
            }
        }));
    }

    private static String prefix(String backend) {
        return Character.toUpperCase(backend.charAt(0)) + backend.substring(1);
    }

    private record Cached(String text, long at) {
    }
}
