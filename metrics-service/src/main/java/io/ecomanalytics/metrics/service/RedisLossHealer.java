package io.ecomanalytics.metrics.service;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

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
 */
@ApplicationScoped
public class RedisLossHealer {
    private final RedisDataSource redis;
    private final ValueCommands<String, String> values;
    private final OrderEventConsumer orderEvents;
    private final RebuildRequestConsumer rebuildRequests;
    private final RebuildService rebuilds;
    private final StoreSettings store;
    private final MetricsConfig config;
    private final Counter heals;

    public RedisLossHealer(RedisDataSource redis, OrderEventConsumer orderEvents, RebuildRequestConsumer rebuildRequests,
            RebuildService rebuilds, StoreSettings store, MetricsConfig config, MeterRegistry registry) {
        this.redis = redis;
        this.values = redis.value(String.class, String.class);
        this.orderEvents = orderEvents;
        this.rebuildRequests = rebuildRequests;
        this.rebuilds = rebuilds;
        this.store = store;
        this.config = config;
        this.heals = registry.counter("metrics.redis.heals");
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

    /** Heals the metrics when the generation marker is missing; returns whether it did. */
    public boolean healIfLost() {
        if (redis.key().exists(MetricKeys.GENERATION)) {
            return false;
        }
        LocalDate today = LocalDate.now(store.zone());
        LocalDate from = today.minusDays(config.heal().days() - 1L);
        Log.warnf("Redis holds no %s: it lost the metrics; recreating the consumer groups and rebuilding %s..%s",
                MetricKeys.GENERATION, from, today);
        // The marker first: if Redis loses its data again during the heal, the marker goes with it and the next check heals
        // again; if the heal fails, the marker is taken back for the next check to retry.
        values.set(MetricKeys.GENERATION, Instant.now().toString());
        try {
            orderEvents.ensureGroup();
            rebuildRequests.ensureGroup();
            rebuilds.rebuild(from, today);
        } catch (RuntimeException e) {
            redis.key().del(MetricKeys.GENERATION);
            throw e;
        }
        heals.increment();
        Log.infof("metrics healed: consumer groups recreated, %s..%s rebuilt from PostgreSQL", from, today);
        return true;
    }
}
