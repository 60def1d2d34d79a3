package io.ecomanalytics.contracts.testing;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a service at a {@link RedisCluster} of the test's own, started for it and ended after it, with the client in cluster
 * mode ({@code REDIS_CLIENT_TYPE=cluster}). Starts after {@link LocalServers}, so its Redis settings win. The ports are
 * published as {@value #PORTS} for the test to kill a master and watch the failover.
 * <p>
 * Init arg {@value #FIRST_PORT}: the first of the six ports (each module its own range, so two modules' tests never meet).
 * Without {@code redis-server} on the PATH nothing is started (the tests that need it are skipped, saying so).
 */
public class RedisClusterServers implements QuarkusTestResourceLifecycleManager {
    public static final String FIRST_PORT = "firstPort";
    /** The nodes' ports, comma-separated. */
    public static final String PORTS = "test.redis-cluster.ports";

    private int firstPort;
    private RedisCluster cluster;

    @Override
    public void init(Map<String, String> initArgs) {
        firstPort = Integer.parseInt(initArgs.getOrDefault(FIRST_PORT, "7100"));
    }

    @Override
    public Map<String, String> start() {
        if (!RedisCluster.serverOnPath()) {
            return Map.of(PORTS, "");
        }
        cluster = RedisCluster.start(firstPort, Path.of("target", "redis-cluster-" + firstPort));
        String hosts = cluster.hosts();
        return Map.of("redis.client-type", "cluster", "quarkus.redis.client-type", "cluster", "redis.hosts", hosts,
                "quarkus.redis.hosts", hosts, PORTS,
                cluster.ports().stream().map(String::valueOf).collect(Collectors.joining(",")));
    }

    @Override
    public void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    public int order() {
        return 100;
    }
}
