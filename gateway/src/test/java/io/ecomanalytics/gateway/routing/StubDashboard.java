package io.ecomanalytics.gateway.routing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for the dashboard service on a random port: answers the page, a module and the chart library, 304 to a matching
 * If-None-Match, 404 to anything else, and remembers every path it was asked for. Can be stopped to see the gateway's 503.
 */
public class StubDashboard implements QuarkusTestResourceLifecycleManager {
    static final String ETAG = "\"v1\"";
    static final List<String> requested = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", StubDashboard::answer);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return Map.of("dashboard.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        stopServer();
    }

    static void stopServer() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String uri = exchange.getRequestURI().toString();
        requested.add(exchange.getRequestMethod() + " " + uri);
        String path = exchange.getRequestURI().getPath();
        if (ETAG.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            exchange.getResponseHeaders().add("ETag", ETAG);
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
            return;
        }
        switch (path) {
            case "/" -> send(exchange, 200, "text/html; charset=utf-8", "<!doctype html><title>dashboard</title>");
            case "/app/main.js" -> send(exchange, 200, "text/javascript", "export const answer = 42;");
            case "/webjars/echarts/5.3.1/dist/echarts.esm.min.js" -> send(exchange, 200, "text/javascript", "export {};");
            default -> send(exchange, 404, "text/plain", "not found");
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("ETag", ETAG);
        exchange.sendResponseHeaders(status, "HEAD".equals(exchange.getRequestMethod()) ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!"HEAD".equals(exchange.getRequestMethod())) {
                out.write(bytes);
            }
        }
    }
}
