package io.ecomanalytics.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stand-ins for the backend services, on random ports of this JVM: one server answers for analytics and metrics, another for
 * the simulator and can be stopped and started again (to see the circuit breaker open and close). They echo what reached them,
 * stream server-sent events on demand, hold slow and hanging calls until a test lets them go, and serve a small OpenAPI
 * document.
 */
public class StubBackends implements QuarkusTestResourceLifecycleManager {
    /** The second event of {@code /api/v1/metrics/stream} is written only after this is counted down. */
    public static volatile CountDownLatch secondEvent = new CountDownLatch(1);
    /** Counted down when an endless {@code /api/v1/metrics/stream?endless} could not write its next event: its reader left. */
    public static volatile CountDownLatch endlessStreamCut = new CountDownLatch(1);

    /** Calls that reached {@code /api/v1/analytics/cohorts/slow}; each is answered once {@link #slowRelease} opens. */
    public static final AtomicInteger slowArrived = new AtomicInteger();
    public static volatile CountDownLatch slowRelease = new CountDownLatch(1);
    /** Calls that reached {@code /api/v1/metrics/hang}, which answers nothing until {@link #hangRelease} opens. */
    public static final AtomicInteger hangHits = new AtomicInteger();
    public static volatile CountDownLatch hangRelease = new CountDownLatch(1);
    /** Counted down for each released hanging call that found its connection closed by the gateway. */
    public static volatile CountDownLatch hangCut = new CountDownLatch(1);

    private static HttpServer readers;
    private static HttpServer simulator;
    private static int simulatorPort;

    @Override
    public Map<String, String> start() {
        readers = serve(0);
        simulator = serve(0);
        simulatorPort = simulator.getAddress().getPort();
        String readersUrl = "http://127.0.0.1:" + readers.getAddress().getPort();
        String simulatorUrl = "http://127.0.0.1:" + simulatorPort;
        return Map.of("gateway.backends.analytics.url", readersUrl, "gateway.backends.metrics.url", readersUrl,
                "gateway.backends.simulator.url", simulatorUrl, "gateway.backends.analytics.management-url", readersUrl,
                "gateway.backends.metrics.management-url", readersUrl, "gateway.backends.simulator.management-url",
                simulatorUrl);
    }

    @Override
    public void stop() {
        readers.stop(0);
        stopSimulator();
    }

    public static void stopSimulator() {
        simulator.stop(0);
    }

    public static void startSimulator() {
        simulator = serve(simulatorPort);
    }

    private static HttpServer serve(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
            server.createContext("/", StubBackends::answer);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/q/openapi")) {
            send(exchange, 200, "application/json", OPENAPI);
        } else if (path.equals("/q/health/ready")) {
            send(exchange, 200, "application/json",
                    "{\"status\":\"UP\",\"checks\":[{\"name\":\"stub check\",\"status\":\"UP\"}]}");
        } else if (path.equals("/api/v1/metrics/stream")) {
            if ("endless".equals(exchange.getRequestURI().getQuery())) {
                endlessStream(exchange);
            } else {
                stream(exchange);
            }
        } else if (path.equals("/api/v1/analytics/cohorts/slow")) {
            slowArrived.incrementAndGet();
            await(slowRelease);
            send(exchange, 200, "application/json", "{\"slow\":true}");
        } else if (path.equals("/api/v1/metrics/hang")) {
            hangHits.incrementAndGet();
            await(hangRelease);
            // the gateway gave up on this call: if it also closed the connection, writing to it fails
            CountDownLatch cut = hangCut;
            writeUntilCut(exchange, "text/plain", cut);
        } else if (path.equals("/api/v1/metrics/slow")) {
            sleep(30);
            send(exchange, 200, "application/json", "{\"padding\":\"" + "x".repeat(64 * 1024) + "\"}");
        } else if (exchange.getRequestURI().getQuery() != null
                && exchange.getRequestURI().getQuery().contains("format=csv")) {
            exportCsv(exchange);
        } else {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String echo = "{\"method\":\"" + exchange.getRequestMethod() + "\",\"uri\":\"" + exchange.getRequestURI()
                    + "\",\"requestId\":\"" + header(exchange, "X-Request-Id") + "\",\"authorization\":\""
                    + header(exchange, "Authorization") + "\",\"forwardedFor\":\"" + header(exchange, "X-Forwarded-For")
                    + "\",\"body\":\"" + new String(body, StandardCharsets.UTF_8).replace("\"", "'") + "\"}";
            send(exchange, 200, "application/json", echo);
        }
    }

    /**
     * An export as the backends mark it: analysis and file name in headers, the row count in {@code X-Export-Rows} (the
     * backends send it as a trailer after a streamed list; this server cannot send trailers, so it is a header here).
     */
    private static void exportCsv(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("X-Export-Analysis", "geo-regions");
        exchange.getResponseHeaders().set("X-Export-Rows", "3");
        exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"geo-regions_SP.csv\"");
        send(exchange, 200, "text/csv", "region,revenue\r\nSUDESTE,10\r\nSUL,5\r\nNORTE,1\r\n");
    }

    private static void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (!secondEvent.await(30, TimeUnit.SECONDS)) {
                return;
            }
            out.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void endlessStream(HttpExchange exchange) throws IOException {
        writeUntilCut(exchange, "text/event-stream", endlessStreamCut);
    }

    /** An event every 10 ms until writing fails (the gateway closed the connection: {@code cut} counts down) or 10 s passed. */
    private static void writeUntilCut(HttpExchange exchange, String type, CountDownLatch cut) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        OutputStream out = exchange.getResponseBody();
        try {
            exchange.sendResponseHeaders(200, 0);
            for (int i = 0; i < 1000; i++) {
                out.write(("data: " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                sleep(10);
            }
            out.close();
        } catch (IOException e) {
            cut.countDown();
            exchange.close();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String header(HttpExchange exchange, String name) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null ? "" : value;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A backend document with one path and a schema whose name clashes with one of the gateway's. */
    private static final String OPENAPI = """
            {"openapi":"3.1.0","info":{"title":"stub","version":"1"},
             "servers":[{"url":"http://stub"}],
             "tags":[{"name":"stub"}],
             "paths":{"/api/v1/metrics/echo":{"get":{"tags":["stub"],"responses":{"200":{"description":"echo",
               "content":{"application/json":{"schema":{"$ref":"#/components/schemas/TokenResponse"}}}}}}}},
             "components":{"schemas":{"TokenResponse":{"type":"object","properties":{"stub":{"type":"string"}}}},
               "securitySchemes":{"SecurityScheme":{"type":"http","scheme":"bearer"}}}}
            """;
}
