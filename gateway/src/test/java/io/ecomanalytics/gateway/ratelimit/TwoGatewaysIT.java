package io.ecomanalytics.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.LocalServers;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.smallrye.jwt.build.Jwt;

/**
 * Two gateway processes, started from the packaged jar, sharing nothing but PostgreSQL and Redis: 300 concurrent calls across
 * both, under a limit of 100 per minute, get exactly 100 answers and 200 refusals, while every core of the machine is kept
 * busy: a limit that holds only on an idle machine is not a limit.
 */
class TwoGatewaysIT {
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final int LIMIT = 100;

    private static final List<Process> gateways = new ArrayList<>();
    private static final List<URI> urls = new ArrayList<>();
    private static KeyPair keys;

    @BeforeAll
    static void startTwoGateways() throws Exception {
        LocalServers servers = new LocalServers();
        servers.init(Map.of(LocalServers.DATABASE, "ecom_test_gateway_it", LocalServers.REDIS_DB, "5"));
        Map<String, String> config = servers.start();

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        Path dir = Files.createTempDirectory("two-gateways");
        Path publicKey = pem(dir.resolve("public.pem"), "PUBLIC KEY", keys.getPublic().getEncoded());
        Path privateKey = pem(dir.resolve("private.pem"), "PRIVATE KEY", keys.getPrivate().getEncoded());

        for (int i = 1; i <= 2; i++) {
            int port = freePort();
            int managementPort = freePort();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + managementPort,
                    "-Dgateway.rate-limit.limits.admin.admin=" + LIMIT,
                    // Exactness is what this test is about, and it holds while Redis answers: the hang guard is pushed
                    // out of reach, so a machine loaded far past its cores (seen: load 14 on 2 cores) cannot make a slow
                    // answer count as an unreachable Redis. RedisRateLimiterTest covers an unreachable one.
                    "-Dgateway.rate-limit.redis-timeout=PT60S",
                    "-Dquarkus.log.console.json.enabled=false"));
            config.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of("-jar", JAR.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Path.of("target", "two-gateways-" + i + ".log").toFile());
            builder.environment().put("JWT_PUBLIC_KEY", publicKey.toString());
            builder.environment().put("JWT_PRIVATE_KEY", privateKey.toString());
            builder.environment().put("ADMIN_PASSWORD", "it-admin-password");
            gateways.add(builder.start());
            URI url = URI.create("http://127.0.0.1:" + port);
            urls.add(url);
            // one after the other: the first migrates schema auth, the second finds it done
            awaitReady(URI.create("http://127.0.0.1:" + managementPort), gateways.get(i - 1), i);
        }
    }

    @AfterAll
    static void stopThem() throws Exception {
        for (Process gateway : gateways) {
            gateway.destroy();
        }
        for (Process gateway : gateways) {
            gateway.waitFor();
        }
    }

    @Test
    void threeHundredConcurrentCallsAcrossBothGetExactlyTheLimitWithEveryCoreBusy() throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // a few calls of another user first: each gateway has opened its Redis connections and verified a token
        String other = token();
        for (int i = 0; i < 10; i++) {
            HttpRequest request = HttpRequest.newBuilder(urls.get(i % 2).resolve("/api/v1/users"))
                    .header("Authorization", "Bearer " + other).build();
            assertThat(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).join().statusCode())
                    .isEqualTo(200);
        }

        String token = token();
        List<HttpResponse<String>> answers;
        try (CpuHog hog = CpuHog.onEveryCore()) {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 3 * LIMIT; i++) {
                HttpRequest request = HttpRequest.newBuilder(urls.get(i % 2).resolve("/api/v1/users"))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build();
                calls.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            answers = calls.stream().map(CompletableFuture::join).toList();
        }

        Map<Integer, Long> byStatus = answers.stream()
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(200, (long) LIMIT, 429, 2L * LIMIT));
        // both gateways answered and refused: the limit is the shared one, not 100 per gateway
        Map<String, Map<Integer, Long>> byGateway = answers.stream().collect(Collectors.groupingBy(
                a -> a.uri().getAuthority(), Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting())));
        assertThat(byGateway).hasSize(2).allSatisfy((gateway, statuses) -> assertThat(statuses).containsKeys(200, 429));
        // every admitted call saw its own token count: 99, 98, ..., 0 left
        assertThat(answers.stream().filter(a -> a.statusCode() == 200)
                .map(a -> a.headers().firstValue("X-RateLimit-Remaining").orElseThrow()).map(Integer::parseInt)
                .collect(Collectors.toSet())).hasSize(LIMIT).allMatch(left -> left >= 0 && left < LIMIT);
        assertThat(answers).filteredOn(a -> a.statusCode() == 429)
                .allMatch(a -> a.headers().firstValue("Retry-After").isPresent(), "carries Retry-After");
    }

    /** Threads that spin on every core (two per core, so the gateways never find one idle) until closed. */
    private static final class CpuHog implements AutoCloseable {
        private volatile boolean running = true;
        private final List<Thread> threads = new ArrayList<>();

        static CpuHog onEveryCore() {
            CpuHog hog = new CpuHog();
            for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
                Thread thread = new Thread(hog::spin, "cpu-hog-" + i);
                thread.setDaemon(true);
                thread.start();
                hog.threads.add(thread);
            }
            return hog;
        }

        private void spin() {
            long x = 0;
            while (running) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            if (x == 42) {
                Thread.onSpinWait(); // keeps the loop from being optimised away
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }

    private static String token() {
        return Jwt.issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE).upn("it-" + UUID.randomUUID())
                .groups(new HashSet<>(Roles.groupsOf(Roles.ADMIN))).issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300)).sign(keys.getPrivate());
    }

    private static void awaitReady(URI management, Process gateway, int number) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(management.resolve("/q/health/ready")).build();
        String log = "see target/two-gateways-" + number + ".log";
        Awaitility.await("gateway " + number + " ready (" + log + ")").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .failFast("gateway " + number + " exited; " + log, () -> !gateway.isAlive())
                // not listening yet
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private static Path pem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
