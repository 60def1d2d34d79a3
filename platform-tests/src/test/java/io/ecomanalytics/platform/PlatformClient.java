package io.ecomanalytics.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Calls to a running {@link Platform} through its gateway, as any API client makes them: log in, then send the bearer token.
 */
public final class PlatformClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Platform platform;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PlatformClient(Platform platform) {
        this.platform = platform;
    }

    /** The answer of POST /auth/token. */
    public record Tokens(String accessToken, String refreshToken, String role) {
    }

    public Tokens login(String username, String password) {
        HttpResponse<String> answer = send("POST", null, "/auth/token", Map.of("username", username, "password", password));
        expect(answer, 200);
        JsonNode body = read(answer.body());
        return new Tokens(body.path("access_token").asText(), body.path("refresh_token").asText(), body.path("role").asText());
    }

    /** An admin's access token (the platform's own admin). */
    public String adminToken() {
        return login(Platform.ADMIN, platform.adminPassword()).accessToken();
    }

    /** GET as JSON, expecting 200. */
    public JsonNode get(String token, String pathAndQuery) {
        HttpResponse<String> answer = send("GET", token, pathAndQuery, null);
        expect(answer, 200);
        return read(answer.body());
    }

    /** Any call; body (when not null) is sent as JSON. */
    public HttpResponse<String> send(String method, String token, String pathAndQuery, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.gateway().resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            try {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return exchange(request.build());
    }

    /** Sends any request with the system tests' one HTTP client: the answer as text, a failure to reach it unchecked. */
    public static HttpResponse<String> exchange(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Adds a user ({@code POST /api/v1/users}); a name already taken is left as it is. */
    public void createUser(String adminToken, String username, String password, String role) {
        HttpResponse<String> answer = send("POST", adminToken, "/api/v1/users",
                Map.of("username", username, "password", password, "role", role));
        if (answer.statusCode() != 201 && answer.statusCode() != 409) {
            throw new AssertionError("creating user " + username + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    /**
     * Runs a simulation ({@code POST /api/v1/simulations} with these fields) and waits until it has COMPLETED; answers its last
     * state. Fails when it FAILED or was CANCELLED.
     */
    public JsonNode simulate(String adminToken, Map<String, Object> request, Duration atMost) {
        HttpResponse<String> answer = send("POST", adminToken, "/api/v1/simulations", request);
        expect(answer, 202);
        String location = answer.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no Location on " + answer.body()));
        String path = URI.create(location).getRawPath();
        JsonNode[] last = new JsonNode[1];
        Awaitility.await("simulation " + path).atMost(atMost).pollInterval(Duration.ofSeconds(1)).until(() -> {
            last[0] = get(adminToken, path);
            String status = last[0].path("status").asText();
            if (status.equals("FAILED") || status.equals("CANCELLED")) {
                throw new AssertionError("simulation " + status + ": " + last[0]);
            }
            return status.equals("COMPLETED");
        });
        return last[0];
    }

    private static void expect(HttpResponse<String> answer, int status) {
        if (answer.statusCode() != status) {
            throw new AssertionError(answer.request().method() + " " + answer.uri() + " answered " + answer.statusCode()
                    + " (expected " + status + "): " + answer.body());
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
