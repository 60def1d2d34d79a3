package io.ecomanalytics.metrics;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the service at a redis-server of its own ({@link RedisServerProcess}) instead of the shared one, for a test that stops
 * and restarts Redis. Starts after {@link io.ecomanalytics.contracts.testing.LocalServers}, so its Redis address wins.
 */
public class PrivateRedis implements QuarkusTestResourceLifecycleManager {
    /** The port of the private Redis, for the test to stop and restart it. */
    public static final String PORT = "test.private-redis.port";

    private Process process;

    @Override
    public Map<String, String> start() {
        int port = RedisServerProcess.freePort();
        process = RedisServerProcess.start(port);
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + port, PORT, Integer.toString(port));
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
        }
    }

    @Override
    public int order() {
        return 100;
    }
}
