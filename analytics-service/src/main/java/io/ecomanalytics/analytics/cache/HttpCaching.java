package io.ecomanalytics.analytics.cache;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ecomanalytics.analytics.repository.SalesMart;
import io.ecomanalytics.contracts.security.Caller;
import io.ecomanalytics.exports.jaxrs.ExportRequest;
import io.ecomanalytics.exports.model.ExportFormat;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * HTTP caching of every analytics GET, keyed by the data version (commerce.mart_state, bumped by every writer's refresh), so
 * that no cache can outlive a change of the data:
 * <ul>
 * <li>every answer carries a weak {@code ETag} of the data version and the canonical request (path, query parameters sorted by
 * name, the negotiated media type, and for {@link PerCaller} operations the caller), and
 * {@code Cache-Control: private, max-age=N} ({@code analytics.cache.max-age}); a matching {@code If-None-Match} is a 304
 * without any computing;</li>
 * <li>every JSON answer carries {@code dataAsOf}: when the data it was computed from last changed;</li>
 * <li>the JSON answers of {@link CachedAnswer} operations are looked up in Redis ({@link AnswerCache}), and kept there when the
 * operation keeps what it computes. Files are not.</li>
 * </ul>
 * Runs after the export negotiation (which decides the media type, and refuses files to viewers) and after the security checks
 * of the operation: a cached answer is only ever served to a caller the operation admits.
 */
public class HttpCaching {
    static final String DATA_AS_OF = "dataAsOf";

    private final SalesMart mart;
    private final CachedCall call;
    private final AnswerCache cache;
    private final CacheConfig config;
    private final ExportRequest exports;
    private final ObjectMapper json;
    private final JsonWebToken token;
    private final MeterRegistry registry;
    private final String fingerprint;
    private final Map<Class<?>, Boolean> ownDataAsOf = new ConcurrentHashMap<>();

    @Inject
    public HttpCaching(SalesMart mart, CachedCall call, AnswerCache cache, CacheConfig config, ExportRequest exports,
            ObjectMapper json, JsonWebToken token, MeterRegistry registry, Config settings) {
        this.mart = mart;
        this.call = call;
        this.cache = cache;
        this.config = config;
        this.exports = exports;
        this.json = json;
        this.token = token;
        this.registry = registry;
        this.fingerprint = fingerprint(settings);
    }

    /** Answers from a cache when it can (a 304, or a heavy answer kept in Redis); null lets the operation answer. */
    @ServerRequestFilter(priority = Priorities.USER + 200)
    public Response before(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || !HttpMethod.GET.equals(request.getMethod()) && !HttpMethod.HEAD.equals(request.getMethod())) {
            return null;
        }
        var state = mart.current();
        call.operation(operation(method));
        if (state.isEmpty()) {
            return null; // no version to key on: computed every time (and the mart's readers answer 503)
        }
        call.state(state.get());
        String key = key(state.get(), canonical(request, method));
        String etag = "W/\"" + key.substring(0, 32) + "\"";
        call.etag(etag);
        if (matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)) {
            registry.counter("analytics.http.not.modified", "operation", call.operation()).increment();
            call.served();
            return Response.notModified().build();
        }
        CachedAnswer cached = method.getAnnotation(CachedAnswer.class);
        if (config.enabled() && exports.format() == null && cached != null) {
            var body = cache.get(key, call.operation());
            if (body.isPresent()) {
                call.served();
                return Response.ok(body.get(), MediaType.APPLICATION_JSON_TYPE).build();
            }
            if (cached.keepsComputed()) {
                call.storeAs(key);
            }
        }
        return null;
    }

    @ServerResponseFilter(priority = Priorities.USER + 200)
    public void after(ContainerRequestContext request, ContainerResponseContext response) throws JsonProcessingException {
        if (call.operation() == null) {
            return; // not an analytics GET
        }
        int status = response.getStatus();
        MultivaluedMap<String, Object> headers = response.getHeaders();
        if ((status == 200 || status == 304) && call.etag() != null) {
            headers.putSingle(HttpHeaders.ETAG, call.etag());
            headers.add(HttpHeaders.VARY, HttpHeaders.ACCEPT);
            if (!headers.containsKey(HttpHeaders.CACHE_CONTROL)) {
                headers.putSingle(HttpHeaders.CACHE_CONTROL, "private, max-age=" + config.maxAge().toSeconds());
            }
        }
        if (status != 200 || call.isServed() || exports.format() != null || !response.hasEntity()) {
            return;
        }
        Object entity = response.getEntity();
        if (entity instanceof byte[] || entity instanceof String || ownDataAsOf(entity.getClass())) {
            return;
        }
        byte[] body = withDataAsOf(json, json.writeValueAsBytes(entity), call.state());
        response.setEntity(body, response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
        if (call.storeAs() != null) {
            cache.put(call.storeAs(), body, call.operation());
        }
    }

    /** The object's JSON with {@code dataAsOf} as its last member (a JSON array or value is left as it is). */
    static byte[] withDataAsOf(ObjectMapper json, byte[] body, SalesMart.State state) throws JsonProcessingException {
        int last = body.length - 1;
        if (body.length < 2 || body[0] != '{' || body[last] != '}') {
            return body;
        }
        String member = (last == 1 ? "" : ",") + "\"" + DATA_AS_OF + "\":"
                + json.writeValueAsString(state == null ? null : state.refreshedAt()) + "}";
        byte[] tail = member.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(body, last + tail.length);
        System.arraycopy(tail, 0, out, last, tail.length);
        return out;
    }

    /** Whether an answer type has a {@code dataAsOf} of its own, which is then left alone. */
    private boolean ownDataAsOf(Class<?> type) {
        return ownDataAsOf.computeIfAbsent(type, t -> t.isRecord()
                && Arrays.stream(t.getRecordComponents()).map(RecordComponent::getName).anyMatch(DATA_AS_OF::equals));
    }

    /** The request as it determines the answer: path, query parameters by name, media type, and the caller if named. */
    private String canonical(ContainerRequestContext request, Method method) {
        ExportFormat format = exports.format();
        return canonical(request.getUriInfo().getPath(), request.getUriInfo().getQueryParameters(),
                format == null ? MediaType.APPLICATION_JSON : format.mediaType(),
                method.isAnnotationPresent(PerCaller.class) ? Caller.of(token).toString() : null);
    }

    /** The canonical text of a request: path, query parameters sorted by name, media type, and the caller when named. */
    static String canonical(String path, Map<String, List<String>> query, String mediaType, String caller) {
        StringBuilder text = new StringBuilder(path);
        new TreeMap<>(query).forEach((name, values) -> values
                .forEach(value -> text.append('\n').append(name).append('=').append(value)));
        text.append("\naccept=").append(mediaType);
        if (caller != null) {
            text.append("\ncaller=").append(caller);
        }
        return text.toString();
    }

    private String key(SalesMart.State state, String canonical) {
        return key(fingerprint, state, canonical);
    }

    /** The cache key of a canonical request's answer at a data state, for services of this fingerprint. */
    static String key(String fingerprint, SalesMart.State state, String canonical) {
        return sha256(fingerprint + '\n' + state.version() + '\n' + state.refreshedAt().toInstant() + '\n' + canonical);
    }

    /** Whether {@code If-None-Match} names the answer's ETag (weak comparison, as RFC 9110 asks for it) or is {@code *}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = etag.substring(2);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    private static String operation(Method method) {
        Operation operation = method.getAnnotation(Operation.class);
        return operation != null && !operation.operationId().isBlank() ? operation.operationId() : method.getName();
    }

    /**
     * What besides the data decides an answer: this build and the settings of the analyses. Replicas that agree on both share
     * their cached answers; a new version or other settings get answers of their own.
     */
    static String fingerprint(Config settings) {
        Map<String, String> decisive = new TreeMap<>();
        for (String name : settings.getPropertyNames()) {
            String lower = name.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
            if ((lower.startsWith("analytics.") && !lower.startsWith("analytics.cache.")) || lower.startsWith("store.")
                    || name.equals("quarkus.application.version")) {
                settings.getOptionalValue(name, String.class).ifPresent(value -> decisive.put(name, value));
            }
        }
        return sha256(decisive.toString());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
