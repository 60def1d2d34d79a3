package io.ecomanalytics.contracts.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a service's tests at the PostgreSQL and Redis running on this machine (no Dev Services: there is no Docker), each
 * module in a PostgreSQL database and a Redis logical database of its own so modules never see each other's data. Creates the
 * database when it is missing. Hosts and ports follow {@code POSTGRES_HOST}/
 * {@code POSTGRES_PORT}/{@code REDIS_HOST}/{@code REDIS_PORT} like the services themselves. Two clones testing on one machine
 * at once keep apart by setting {@code TEST_DB_SUFFIX} (appended to the database name) and {@code TEST_REDIS_DB_OFFSET} (added
 * to the Redis database number) in one of them.
 * <p>
 * Init args: {@value #DATABASE} (required) and {@value #REDIS_DB} (a number, default 0).
 */
public class LocalServers implements QuarkusTestResourceLifecycleManager {
    public static final String DATABASE = "database";
    public static final String REDIS_DB = "redisDatabase";

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private String database;
    private int redisDatabase;

    @Override
    public void init(Map<String, String> initArgs) {
        String name = initArgs.get(DATABASE);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("LocalServers needs init arg '" + DATABASE + "' (the test database's name)");
        }
        database = name + env("TEST_DB_SUFFIX", "");
        if (!SAFE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("LocalServers needs a lower-case database name (TEST_DB_SUFFIX included): got "
                    + database);
        }
        redisDatabase = Integer.parseInt(initArgs.getOrDefault(REDIS_DB, "0"))
                + Integer.parseInt(env("TEST_REDIS_DB_OFFSET", "0"));
    }

    @Override
    public Map<String, String> start() {
        String host = env("POSTGRES_HOST", "127.0.0.1");
        String port = env("POSTGRES_PORT", "5432");
        String user = env("POSTGRES_USER", "postgres");
        String password = env("POSTGRES_PASSWORD", "");
        createDatabaseIfMissing("jdbc:postgresql://" + host + ":" + port + "/postgres", user, password);

        Map<String, String> config = new HashMap<>();
        config.put("postgres.host", host);
        config.put("postgres.port", port);
        config.put("postgres.db", database);
        config.put("quarkus.redis.hosts", "redis://" + env("REDIS_HOST", "127.0.0.1") + ":"
                + env("REDIS_PORT", "6379") + "/" + redisDatabase);
        return config;
    }

    @Override
    public void stop() {
        // the database is kept: Flyway cleans it at the next start, and a failed run can be inspected
    }

    private void createDatabaseIfMissing(String url, String user, String password) {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement create = c.createStatement()) {
                // identifiers cannot be bound; the name was checked against SAFE_NAME
                create.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                return; // created concurrently by another module's tests
            }
            throw new IllegalStateException("cannot reach PostgreSQL at " + url + " to create test database "
                    + database + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
