package io.ecomanalytics.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The gateway's role table and each backend's own role checks agree on every operation and every role: walking each backend's
 * own OpenAPI document, each operation is called as viewer, analyst and admin, once through the gateway and once straight at
 * the backend, and either both refuse with 403 or neither does. Were they to disagree, a route would be open at one door and
 * shut at the other (the gateway once let analysts reach an admin route with a {@code ;x=1} suffix the backend ignored, and
 * refused analysts a route the backend and the docs gave them).
 * <p>
 * The probes do nothing: each carries an unknown query parameter, which every service refuses (400 naming it) before reading a
 * body or doing any work, and only after its role check — so an allowed call answers 400 and a forbidden one 403, on both
 * sides.
 */
class RoleParityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BACKENDS = List.of("simulator-service", "analytics-service", "metrics-service");
    private static final List<String> ROLES = List.of("viewer", "analyst", "admin");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final String PROBE = "zz-parity-probe";

    private static Platform platform;
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();

    @BeforeAll
    static void aUserOfEachRole() {
        platform = Platform.shared();
        PlatformClient client = platform.client();
        String admin = client.adminToken();
        for (String role : ROLES) {
            String name = "parity-" + role;
            client.createUser(admin, name, name + "-password", role);
            TOKENS.put(role, client.login(name, name + "-password").accessToken());
        }
    }

    @Test
    void everyOperationIsRefusedToTheSameRolesAtTheGatewayAndAtItsBackend() throws IOException {
        List<String> disagreements = new ArrayList<>();
        List<String> unprobed = new ArrayList<>();
        int probes = 0;
        for (String backend : BACKENDS) {
            URI direct = platform.service(backend).url();
            JsonNode paths = JSON.readTree(call("GET", direct.resolve("/q/openapi?format=json"), null).body()).path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> path = it.next();
                for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext();) {
                    String method = methods.next();
                    if (!METHODS.contains(method)) {
                        continue;
                    }
                    String target = concrete(path.getKey()) + "?" + PROBE + "=1";
                    for (String role : ROLES) {
                        String verb = method.toUpperCase(java.util.Locale.ROOT);
                        HttpResponse<String> viaGateway = call(verb, platform.gateway().resolve(target), TOKENS.get(role));
                        HttpResponse<String> atBackend = call(verb, direct.resolve(target), TOKENS.get(role));
                        probes++;
                        String what = verb + " " + path.getKey() + " as " + role + ": gateway " + viaGateway.statusCode()
                                + ", " + backend + " " + atBackend.statusCode();
                        if ((viaGateway.statusCode() == 403) != (atBackend.statusCode() == 403)) {
                            disagreements.add(what);
                        }
                        // an allowed probe is refused for its unknown parameter, so it did nothing
                        for (HttpResponse<String> answer : List.of(viaGateway, atBackend)) {
                            if (answer.statusCode() != 403
                                    && !(answer.statusCode() == 400 && answer.body().contains(PROBE))) {
                                unprobed.add(what + " -> " + answer.body());
                            }
                        }
                    }
                }
            }
        }
        assertThat(probes).as("operations x roles probed").isGreaterThan(60);
        assertThat(disagreements).as("gateway and backend disagree on who may call").isEmpty();
        assertThat(unprobed).as("probes that were not refused for their unknown parameter").isEmpty();
    }

    /** A path template with each variable given a value of a plausible shape (the probe is refused before it is read). */
    private static String concrete(String template) {
        return template.replaceAll("\\{[^}]+}", "1");
    }

    private HttpResponse<String> call(String method, URI uri, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Accept", "*/*");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (method.equals("GET") || method.equals("DELETE")) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"));
        }
        return PlatformClient.exchange(request.build());
    }
}
