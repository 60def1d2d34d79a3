package io.ecomanalytics.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

/**
 * The whole platform for system tests: the five services started from their packaged jars ({@code <module>/target/quarkus-app/
 * quarkus-run.jar}) on free ports of this machine, against a PostgreSQL database and a Redis database of their own, both
 * emptied first, with a freshly generated RSA key pair and a known admin password. Readiness is awaited on each management
 * port. Logs go to {@code target/platform-logs/<service>.log}, as JSON lines as in production.
 * <p>
 * {@link #shared()} starts one platform per test JVM (every system test class uses the same, stopped when the JVM exits);
 * {@link #start(Settings)} starts one for a test that needs its own settings. Talk to it with {@link #client()}.
 * <p>
 * Database {@code ecom_test_platform} + {@code TEST_DB_SUFFIX}, Redis database 6 + {@code TEST_REDIS_DB_OFFSET}, servers as for
 * every module's tests ({@code POSTGRES_HOST/PORT/USER/PASSWORD}, {@code REDIS_HOST/PORT}).
 */
public final class Platform implements AutoCloseable {
    /** The services in start order: the simulator migrates schema commerce before the others read it. */
    public static final List<String> SERVICES = List.of("simulator-service", "analytics-service", "metrics-service",
            "dashboard", "gateway");
    public static final String ADMIN = "admin";

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static Platform shared;

    private final Settings settings;
    private final Path logs;
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final PlatformClient client;
    private Map<String, Integer> ports;
    private Path keys;

    /** What a platform is started with; {@link #defaults()} are the ones {@link #shared()} uses. */
    public record Settings(String name, String database, int postgresPort, int redisDatabase, String adminPassword,
            Map<String, String> extraProperties, Duration readyTimeout) {
        public static Settings defaults() {
            return new Settings("", "ecom_test_platform" + env("TEST_DB_SUFFIX", ""),
                    Integer.parseInt(env("POSTGRES_PORT", "5432")), 6 + Integer.parseInt(env("TEST_REDIS_DB_OFFSET", "0")),
                    "platform-admin-password", Map.of(), Duration.ofSeconds(180));
        }

        /** The same settings with more system properties for every service ({@code -Dkey=value}). */
        public Settings with(Map<String, String> properties) {
            Map<String, String> all = new LinkedHashMap<>(extraProperties);
            all.putAll(properties);
            return new Settings(name, database, postgresPort, redisDatabase, adminPassword, all, readyTimeout);
        }

        /**
         * Another platform beside the shared one: its logs and keys in folders of that name, its own database on the PostgreSQL
         * of that port (of {@code POSTGRES_HOST}), its own Redis database.
         */
        public Settings another(String newName, String newDatabase, int newPostgresPort, int newRedisDatabase) {
            return new Settings(newName, newDatabase, newPostgresPort, newRedisDatabase, adminPassword, extraProperties,
                    readyTimeout);
        }
    }

    /** One running service: its API port, management port and process. */
    public record Service(String name, int port, int managementPort, Process process, Path log) {
        public URI url() {
            return URI.create("http://127.0.0.1:" + port);
        }

        public URI managementUrl() {
            return URI.create("http://127.0.0.1:" + managementPort);
        }
    }

    private Platform(Settings settings) {
        this.settings = settings;
        this.logs = Path.of("target", "platform-logs", settings.name()).toAbsolutePath();
        this.client = new PlatformClient(this);
    }

    /** The platform every system test of this JVM shares, started on first use. */
    public static synchronized Platform shared() {
        if (shared == null) {
            shared = start(Settings.defaults());
            Platform stopping = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(stopping::close, "platform-stop"));
        }
        return shared;
    }

    /** Starts a platform and waits until every service is ready; stops what it started when one is not. */
    public static Platform start(Settings settings) {
        Platform platform = new Platform(settings);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException | Error e) {
            platform.close();
            throw e;
        }
    }

    public PlatformClient client() {
        return client;
    }

    /** The front door, where the dashboard and the API are. */
    public URI gateway() {
        return service("gateway").url();
    }

    public Service service(String name) {
        Service s = services.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no service " + name + " in " + services.keySet());
        }
        return s;
    }

    public String adminPassword() {
        return settings.adminPassword();
    }

    public Path logs() {
        return logs;
    }

    private void startAll() {
        Path root = root();
        for (String name : SERVICES) {
            Path jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("no packaged jar " + jar + ": build it first (./mvnw -B package -pl " + name
                        + " -am -DskipTests), or run the reactor, which packages every service before platform-tests");
            }
        }
        try {
            Files.createDirectories(logs);
            Path keys = Files.createDirectories(Path.of("target", "platform-keys", settings.name()).toAbsolutePath());
            writeKeyPair(keys);
            resetDatabase();
            flushRedis();
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (String name : SERVICES) {
                ports.put(name, freePort());
            }
            // the simulator alone first: it migrates schema commerce, which the others then find done
            launch("simulator-service", ports, keys);
            awaitReady(services.get("simulator-service"));
            for (String name : SERVICES.subList(1, SERVICES.size())) {
                launch(name, ports, keys);
            }
            services.values().forEach(this::awaitReady);
            this.ports = ports;
            this.keys = keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts one more instance of a service beside the platform's, on ports of its own, with more system properties; known as
     * {@code as} and stopped with the platform.
     */
    public Service launchAnother(String name, String as, Map<String, String> properties) {
        try {
            launch(name, as, ports, keys, properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(services.get(as));
        return services.get(as);
    }

    private void launch(String name, Map<String, Integer> ports, Path keys) throws IOException {
        launch(name, name, ports, keys, Map.of());
    }

    private void launch(String name, String as, Map<String, Integer> ports, Path keys, Map<String, String> properties)
            throws IOException {
        int port = as.equals(name) ? ports.get(name) : freePort();
        int management = freePort();
        Path log = logs.resolve(as + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.management.port=" + management, "-Dquarkus.management.host=127.0.0.1"));
        settings.extraProperties().forEach((k, v) -> command.add("-D" + k + "=" + v));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", root().resolve(name).resolve("target/quarkus-app/quarkus-run.jar").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("POSTGRES_HOST", env("POSTGRES_HOST", "127.0.0.1"));
        env.put("POSTGRES_PORT", Integer.toString(settings.postgresPort()));
        env.put("POSTGRES_USER", env("POSTGRES_USER", "postgres"));
        env.put("POSTGRES_PASSWORD", env("POSTGRES_PASSWORD", ""));
        env.put("POSTGRES_DB", settings.database());
        env.put("QUARKUS_REDIS_HOSTS", "redis://" + env("REDIS_HOST", "127.0.0.1") + ":" + env("REDIS_PORT", "6379") + "/"
                + settings.redisDatabase());
        env.put("JWT_PUBLIC_KEY", keys.resolve("public.pem").toString());
        env.put("ADMIN_PASSWORD", settings.adminPassword());
        if (name.equals("gateway")) {
            env.put("JWT_PRIVATE_KEY", keys.resolve("private.pem").toString());
            env.put("SIMULATOR_URL", "http://127.0.0.1:" + ports.get("simulator-service"));
            env.put("ANALYTICS_URL", "http://127.0.0.1:" + ports.get("analytics-service"));
            env.put("METRICS_URL", "http://127.0.0.1:" + ports.get("metrics-service"));
            env.put("DASHBOARD_URL", "http://127.0.0.1:" + ports.get("dashboard"));
        }
        services.put(as, new Service(as, port, management, builder.start(), log));
    }

    private void awaitReady(Service service) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(service.managementUrl().resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Awaitility.await(service.name() + " ready (log: " + service.log() + ")").atMost(settings.readyTimeout())
                .pollInterval(Duration.ofMillis(300))
                .failFast(service.name() + " exited during start-up; see " + service.log(), () -> !service.process().isAlive())
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    /** Stops every service (SIGTERM, then SIGKILL after 20 s). */
    @Override
    public void close() {
        List<Service> running = new ArrayList<>(services.values());
        java.util.Collections.reverse(running);
        running.forEach(s -> s.process().destroy());
        for (Service s : running) {
            try {
                if (!s.process().waitFor(20, TimeUnit.SECONDS)) {
                    s.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                s.process().destroyForcibly();
            }
        }
        services.clear();
    }

    /** The repository's root folder (failsafe passes it; from the module folder it is the parent). */
    public static Path root() {
        return Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    }

    private void resetDatabase() {
        if (!SAFE_NAME.matcher(settings.database()).matches()) {
            throw new IllegalArgumentException("unsafe database name " + settings.database());
        }
        String url = "jdbc:postgresql://" + env("POSTGRES_HOST", "127.0.0.1") + ":" + settings.postgresPort() + "/postgres";
        try (Connection c = DriverManager.getConnection(url, env("POSTGRES_USER", "postgres"), env("POSTGRES_PASSWORD", ""));
                Statement s = c.createStatement()) {
            // identifiers cannot be bound; the name was checked against SAFE_NAME
            s.execute("DROP DATABASE IF EXISTS " + settings.database() + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + settings.database());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
    }

    /** Empties the platform's Redis database (SELECT, FLUSHDB in RESP: no client library needed for two commands). */
    private void flushRedis() throws IOException {
        String db = Integer.toString(settings.redisDatabase());
        String commands = "*2\r\n$6\r\nSELECT\r\n$" + db.length() + "\r\n" + db + "\r\n*1\r\n$7\r\nFLUSHDB\r\n";
        try (Socket socket = new Socket(env("REDIS_HOST", "127.0.0.1"), Integer.parseInt(env("REDIS_PORT", "6379")))) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(commands.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answers = "";
            byte[] buffer = new byte[64];
            while (!answers.contains("+OK\r\n+OK\r\n") && !answers.startsWith("-")) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                answers += new String(buffer, 0, n, StandardCharsets.US_ASCII);
            }
            if (!answers.equals("+OK\r\n+OK\r\n")) {
                throw new IllegalStateException("Redis refused to empty database " + db + ": " + answers.strip());
            }
        }
    }

    private static void writeKeyPair(Path dir) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var keys = generator.generateKeyPair();
            pem(dir.resolve("public.pem"), "PUBLIC KEY", keys.getPublic().getEncoded());
            pem(dir.resolve("private.pem"), "PRIVATE KEY", keys.getPrivate().getEncoded());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }

    /** A port nobody listens on now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
