package io.ecomanalytics.metrics.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ecomanalytics.contracts.config.StoreSettings;
import io.ecomanalytics.metrics.config.MetricsConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.quarkus.scheduler.Scheduled;

/**
 * Notices that Redis lost the metrics (restarted without persistence, or emptied) and heals them with nobody acting: the
 * generation marker {@value MetricKeys#GENERATION} is written when the metrics are healed, so a Redis without it has lost them.
 * Healing recreates the consumer groups and rebuilds the last {@code metrics.heal.days} days from PostgreSQL. Live events
 * arriving meanwhile are safe: the rebuild holds each day while it replaces it ({@link DayFences}) and writes the applied ids,
 * so an order counts once whether its event comes before, during or after the rebuild. Several replicas may heal at once: the
 * rebuilds of a day then run one after the other, each complete.
 * <p>
 * On a Redis Cluster a master that dies is replaced by its replica, which may lack the master's last writes (replication is
 * asynchronous): script calls whose events were acknowledged, stream entries, acknowledgements. Nothing is missing from the
 * marker's point of view, so a failover is noticed by the cluster's configuration epoch ({@code cluster_current_epoch} of
 * CLUSTER INFO), which every failover raises, and healed the same way: the rebuild puts back what the lost writes held, and
 * events redelivered because their acknowledgement was lost meet the applied ids.
 */
@ApplicationScoped
public class RedisLossHealer {
    private static final Pattern CURRENT_EPOCH = Pattern.compile("cluster_current_epoch:(\\d+)");

    private final RedisDataSource redis;
    private final ValueCommands<String, String> values;
    private final OrderEventConsumer orderEvents;
    private final RebuildRequestConsumer rebuildRequests;
    private final RebuildService rebuilds;
    private final StoreSettings store;
    private final MetricsConfig config;
    private final Counter heals;
    private final boolean cluster;
    /** The highest configuration epoch of the cluster seen healed; -1 before the first check. */
    private long epochSeen = -1;

    public RedisLossHealer(RedisDataSource redis, OrderEventConsumer orderEvents, RebuildRequestConsumer rebuildRequests,
            RebuildService rebuilds, StoreSettings store, MetricsConfig config, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType) {
        this.redis = redis;
        this.values = redis.value(String.class, String.class);
        this.orderEvents = orderEvents;
        this.rebuildRequests = rebuildRequests;
        this.rebuilds = rebuilds;
        this.store = store;
        this.config = config;
        this.heals = registry.counter("metrics.redis.heals");
        this.cluster = MetricKeys.CLUSTER.equalsIgnoreCase(clientType);
    }

    /** Runs at start and every {@code metrics.heal.check-every}; Redis being unreachable is only logged (it is retried). */
    @Scheduled(identity = "metrics-heal", every = "${metrics.heal.check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        try {
            healIfLost();
        } catch (RuntimeException e) {
            Log.warnf("checking Redis for lost metrics failed (retried in %s): %s", config.heal().checkEvery(),
                    e.getMessage());
        }
    }

    /**
     * Heals the metrics when the generation marker is missing, or (on a Redis Cluster) when a failover happened since the last
     * check; returns whether it did.
     */
    public synchronized boolean healIfLost() {
        long epoch = cluster ? clusterEpoch() : -1;
        boolean failedOver = epochSeen >= 0 && epoch > epochSeen;
        boolean lost = !redis.key().exists(MetricKeys.GENERATION);
        if (!lost && !failedOver) {
            epochSeen = Math.max(epochSeen, epoch);
            return false;
        }
        LocalDate today = LocalDate.now(store.zone());
        LocalDate from = today.minusDays(config.heal().days() - 1L);
        if (lost) {
            Log.warnf("Redis holds no %s: it lost the metrics; recreating the consumer groups and rebuilding %s..%s",
                    MetricKeys.GENERATION, from, today);
            // The marker first: if Redis loses its data again during the heal, the marker goes with it and the next check
            // heals again; if the heal fails, the marker is taken back for the next check to retry.
            values.set(MetricKeys.GENERATION, Instant.now().toString());
        } else {
            Log.warnf("Redis Cluster failed over (configuration epoch %d, was %d): the new masters may lack their old masters' "
                    + "last writes; recreating the consumer groups and rebuilding %s..%s", epoch, epochSeen, from, today);
        }
        try {
            orderEvents.ensureGroup();
            rebuildRequests.ensureGroup();
            rebuilds.rebuild(from, today);
        } catch (RuntimeException e) {
            if (lost) {
                redis.key().del(MetricKeys.GENERATION);
            }
            throw e;
        }
        // a failover during the heal raised the epoch again: the next check sees it and heals once more
        epochSeen = Math.max(epochSeen, epoch);
        heals.increment();
        Log.infof("metrics healed: consumer groups recreated, %s..%s rebuilt from PostgreSQL", from, today);
        return true;
    }

    /** {@code cluster_current_epoch} as one node of the cluster knows it (a node that lags behind knows a lower one). */
    private long clusterEpoch() {
        String info = redis.execute("CLUSTER", "INFO").toString();
        Matcher epoch = CURRENT_EPOCH.matcher(info);
        if (!epoch.find()) {
            throw new IllegalStateException("CLUSTER INFO names no cluster_current_epoch: " + info);
        }
        return Long.parseLong(epoch.group(1));
    }
}
