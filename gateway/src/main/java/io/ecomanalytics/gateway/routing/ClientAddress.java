package io.ecomanalytics.gateway.routing;

import io.vertx.core.http.HttpServerRequest;

/**
 * The address a call came from, as the connection says. {@code X-Forwarded-For} is not believed: anyone can send it, and the
 * login throttle and anonymous rate limits are keyed by this address.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    /** The peer's IP address, or null when the connection has none (a Unix socket). */
    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}
