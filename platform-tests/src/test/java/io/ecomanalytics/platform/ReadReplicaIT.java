package io.ecomanalytics.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * analytics-service on a real hot standby. A PostgreSQL primary of its own (initdb into a scratch folder, on a free port) and
 * its standby ({@code pg_basebackup -R}, streaming, another port); the platform writes to the primary ({@code POSTGRES_PORT})
 * and analytics reads the standby ({@code POSTGRES_READ_PORT}); a second analytics-service reads the primary, without the
 * answer cache, to compare with. After a load every analytic answers the same on both, and after a live order the standby's
 * {@code dataAsOf} follows the primary's. Skipped, saying why, where PostgreSQL's server programs are not installed
 * ({@code pg_config --bindir}).
 */
class ReadReplicaIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final String DATABASE = "ecom_test_replica" + Platform.env("TEST_DB_SUFFIX", "");
    private static final List<String> ANALYTICS = List.of("financial/summary", "financial/timeseries?granularity=month",
            "cohorts/retention", "customers/rfm/segments", "customers/rfm?size=20", "products/top",
            "products/lifecycle?limit=20", "products/combinations?sort=lift", "geo/states", "geo/regions",
            "forecast/revenue", "anomalies/orders?limit=20", "customers/ltv?size=20");

    private static Path scratch;
    private static ScratchServer primary;
    private static ScratchServer standby;
    private static Platform platform;
    private static Platform.Service onPrimary;
    private static String admin;

    @BeforeAll
    static void primaryStandbyAndPlatform() throws IOException, InterruptedException {
        Path bin = serverPrograms();
        assumeTrue(bin != null, "ReadReplicaIT skipped: PostgreSQL's server programs (initdb, pg_ctl, pg_basebackup) were"
                + " not found (pg_config --bindir)");
        scratch = Files.createTempDirectory("ecom-replica");
        if (ROOT) {
            run(List.of("chown", "-R", "postgres:", scratch.toString()));
        }
        primary = ScratchServer.primary(bin, scratch.resolve("primary"), Platform.freePort(), scratch);
        standby = primary.standby(scratch.resolve("standby"), Platform.freePort());
        platform = Platform.start(Platform.Settings.defaults()
                .another("replica", DATABASE, primary.port(), 7 + Integer.parseInt(Platform.env("TEST_REDIS_DB_OFFSET", "0")))
                .with(Map.of("POSTGRES_READ_PORT", Integer.toString(standby.port()))));
        onPrimary = platform.launchAnother("analytics-service", "analytics-on-primary",
                Map.of("POSTGRES_READ_PORT", Integer.toString(primary.port()), "analytics.cache.enabled", "false",
                        "analytics.cache.opening-view.enabled", "false"));
        admin = platform.client().adminToken();
        platform.client().simulate(admin, Map.of("years", 1, "customersPerYear", 400, "productsPerYear", 60, "seed", 11,
                "replace", true), Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() throws IOException, InterruptedException {
        if (platform != null) {
            platform.close();
        }
        if (standby != null) {
            standby.stop();
        }
        if (primary != null) {
            primary.stop();
        }
        if (scratch != null) {
            asServerUser("rm", "-rf", scratch.toString());
        }
    }

    @Test
    void everyAnalyticOnTheStandbyEqualsThePrimarysAfterALoad() throws SQLException {
        assertThat(standby.query("SELECT pg_is_in_recovery()")).isEqualTo("t");
        awaitReplay();
        for (String path : ANALYTICS) {
            HttpResponse<String> fromStandby = get(platform.service("analytics-service"), path);
            HttpResponse<String> fromPrimary = get(onPrimary, path);
            assertThat(fromStandby.statusCode()).as(path + ": " + fromStandby.body()).isEqualTo(200);
            assertThat(fromPrimary.statusCode()).as(path + ": " + fromPrimary.body()).isEqualTo(200);
            assertThat(comparable(fromStandby.body())).as(path).isEqualTo(comparable(fromPrimary.body()));
        }
        // and analytics did read the standby: its connections are there
        assertThat(Long.parseLong(standby.query("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + DATABASE
                + "' AND pid <> pg_backend_pid()"))).isPositive();
    }

    @Test
    void dataAsOfFollowsReplicationAfterALiveOrder() throws SQLException, IOException {
        awaitReplay();
        String before = body(get(onPrimary, "financial/summary")).path("dataAsOf").asText();
        HttpResponse<String> stream = platform.client().send("POST", admin, "/api/v1/streams/orders",
                Map.of("ordersPerSecond", 1, "durationSeconds", 1));
        assertThat(stream.statusCode()).as(stream.body()).isEqualTo(202);
        Awaitility.await("the live order on the primary").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> !body(get(onPrimary, "financial/summary")).path("dataAsOf").asText().equals(before));
        awaitReplay();
        JsonNode onStandby = body(get(platform.service("analytics-service"), "financial/summary"));
        JsonNode primaryNow = body(get(onPrimary, "financial/summary"));
        assertThat(onStandby.path("dataAsOf").asText()).isEqualTo(primaryNow.path("dataAsOf").asText()).isNotEqualTo(before);
        assertThat(onStandby).isEqualTo(primaryNow);
    }

    /** Waits until the standby has replayed everything the primary has written so far. */
    private static void awaitReplay() throws SQLException {
        String target = primary.query("SELECT pg_current_wal_lsn()");
        Awaitility.await("the standby's replay").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> "t".equals(standby.query("SELECT pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn")));
    }

    private static HttpResponse<String> get(Platform.Service analytics, String path) {
        return PlatformClient.exchange(HttpRequest.newBuilder(analytics.url().resolve("/api/v1/analytics/" + path))
                .header("Authorization", "Bearer " + admin).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(120)).build());
    }

    private static JsonNode body(HttpResponse<String> answer) throws IOException {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** The answer without what differs between two computations of the same data: the anomaly screen's own timings. */
    private static JsonNode comparable(String body) {
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree instanceof ObjectNode object) {
                object.remove("timings");
                object.remove("requestId");
            }
            return tree;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where initdb and pg_ctl are, or null. */
    private static Path serverPrograms() throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0 || !Files.isExecutable(Path.of(out, "initdb")) || !Files.isExecutable(Path.of(out, "pg_ctl"))) {
            return null;
        }
        return Path.of(out);
    }

    /** Runs a command as the server's user: postgres when this runs as root (which initdb refuses), else this user. */
    private static void asServerUser(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if (ROOT) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        run(line);
    }

    private static void run(List<String> line) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", line) + " failed: " + out);
        }
    }

    /** A PostgreSQL server in a scratch folder, on 127.0.0.1 at its port. */
    private record ScratchServer(Path bin, Path data, int port, Path sockets) {
        static ScratchServer primary(Path bin, Path data, int port, Path sockets) throws IOException, InterruptedException {
            asServerUser(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
                    "--no-sync");
            // replication is allowed from 127.0.0.1 by initdb's own pg_hba.conf (-A trust); durability is not the subject
            asServerUser("sh", "-c", "printf \"%s\\n\" \"listen_addresses = '127.0.0.1'\" \"unix_socket_directories = '"
                    + sockets + "'\" 'fsync = off' 'full_page_writes = off' 'max_wal_senders = 4' 'wal_level = replica'"
                    + " 'shared_buffers = 64MB' 'max_connections = 120' >> " + data.resolve("postgresql.conf"));
            ScratchServer server = new ScratchServer(bin, data, port, sockets);
            server.start();
            return server;
        }

        /** A hot standby of this server, streaming from it. */
        ScratchServer standby(Path standbyData, int standbyPort) throws IOException, InterruptedException {
            asServerUser(bin.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U",
                    "postgres", "-D", standbyData.toString(), "-R", "-X", "stream", "-c", "fast", "--no-sync");
            ScratchServer server = new ScratchServer(bin, standbyData, standbyPort, sockets);
            server.start();
            return server;
        }

        void start() throws IOException, InterruptedException {
            asServerUser(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-o", "-p " + port, "-l",
                    data.resolve("server.log").toString(), "-w", "start");
        }

        void stop() throws IOException, InterruptedException {
            asServerUser(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
        }

        String query(String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres",
                    "");
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
