package io.ecomanalytics.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The generated {@link ApiClient} set up for the platform's gateway: the bearer token on every call, and {@code Accept}
 * narrowed to the answer the operation's method returns.
 * <p>
 * The generated code asks for every media type an operation can produce ({@code application/json, text/csv, …,
 * application/pdf}). The gateway and the backends answer that list with its first, JSON, but a method can only read the type
 * its return type is: narrowed to that first type plus problem details, a call asks for exactly what it can read, whatever a
 * server's negotiation; a file still comes with {@code format=}.
 */
public final class GatewayClient {
    private static final String ACCEPT = "Accept";
    private static final String PROBLEM = "application/problem+json";

    private GatewayClient() {
    }

    /**
     * A client of the gateway at {@code gateway} (e.g. {@code http://localhost:8080}).
     *
     * @param accessToken
     *            the current access token, asked for on every call; null (before logging in) sends none
     */
    public static ApiClient connect(URI gateway, Supplier<String> accessToken) {
        ApiClient client = new ApiClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)),
                ApiClient.createDefaultObjectMapper(), gateway.toString());
        client.setRequestInterceptor(request -> {
            String token = accessToken.get();
            if (token != null) {
                request.setHeader("Authorization", "Bearer " + token);
            }
            request.copy().build().headers().firstValue(ACCEPT)
                    .ifPresent(accept -> request.setHeader(ACCEPT, narrowed(accept)));
        });
        return client;
    }

    /** The first media type of a generated {@code Accept}, with problem details beside it when the operation has them. */
    static String narrowed(String accept) {
        String first = accept.split(",")[0].strip();
        return accept.contains(PROBLEM) && !first.equals(PROBLEM) ? first + ", " + PROBLEM : first;
    }
}
