package io.ecomanalytics.metrics.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of metrics-service ({@code METRICS_*} environment variables). */
@ConfigMapping(prefix = "metrics")
public interface MetricsConfig {

    /** The order-event consumer. */
    Consumer consumer();

    /**
     * Whether the metric keys carry a per-day hash tag ({@code METRICS_KEY_HASH_TAGS}, {@code faturamento:{2026-12-07}}), so
     * one day's keys share a Redis Cluster slot and the all-time keys are written in a step of their own. Off by default: the
     * keys keep the names of the original design, which need a single Redis node. Required with
     * {@code REDIS_CLIENT_TYPE=cluster} (docs/redis.md).
     */
    @WithDefault("false")
    boolean keyHashTags();

    /** How long applied order ids are kept for de-duplication; a redelivery later than this would count again. */
    @WithDefault("8D")
    Duration appliedTtl();

    /**
     * How {@code clientes_ativos:DAY} is stored: {@code SET} counts exactly (one member per customer), {@code HYPERLOGLOG}
     * counts within about 0.81% in at most 12 KB per day.
     */
    @WithDefault("SET")
    ActiveCustomers activeCustomers();

    /** The longest range {@code /daily} accepts, in days. */
    @WithDefault("366")
    @Min(1)
    @Max(3660)
    int maxRangeDays();

    /** Rebuilds from PostgreSQL. */
    Rebuild rebuild();

    /** Noticing that Redis lost the metrics, and healing them. */
    Heal heal();

    /** Minimum time between two server-sent events of {@code /stream}. */
    @WithDefault("1S")
    Duration streamInterval();

    enum ActiveCustomers {
        SET, HYPERLOGLOG
    }

    interface Rebuild {
        /** The longest range one rebuild accepts, in days (ten years by default: the whole Olist period fits). */
        @WithDefault("3660")
        @Min(1)
        int maxDays();

        /**
         * Days aggregated by one SQL statement and written by one pipeline: bounds the memory a long rebuild holds (the order
         * and customer ids of these days).
         */
        @WithDefault("31")
        @Min(1)
        @Max(366)
        int chunkDays();
    }

    /**
     * Redis restarted empty (no persistence) loses every metric, the streams and the consumer groups. metrics-service notices
     * that the generation marker ({@code metrics:generation}) is gone, recreates the groups and rebuilds the last
     * {@link #days()} days from PostgreSQL, with nobody acting.
     */
    interface Heal {
        /**
         * How often the marker is checked ({@code METRICS_HEAL_CHECK_EVERY}, a Quarkus scheduler period such as {@code 5s});
         * the first check runs at start. {@code off} disables the check (and the healing).
         */
        @WithDefault("5s")
        String checkEvery();

        /**
         * Days rebuilt when Redis lost the metrics, today included ({@code METRICS_HEAL_DAYS}). The default covers the
         * applied-ids TTL ({@code METRICS_APPLIED_TTL}, 8 days), the span a redelivered event can still be recognised in.
         */
        @WithDefault("8")
        @Min(1)
        @Max(3660)
        int days();
    }

    interface Consumer {
        /** Start the consumer threads (order events and rebuild requests) at start-up. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Consumer threads on {@code orders:events}; each is a consumer of its own in group {@code metrics}. Two let one thread
         * parse a batch while the other waits for Redis (measured: about twice the rate of one on two cores).
         */
        @WithDefault("2")
        @Min(1)
        @Max(16)
        int threads();

        /** Entries read (and applied in one pipeline) per XREADGROUP. */
        @WithDefault("1000")
        @Min(1)
        @Max(10000)
        int batchSize();

        /** How long XREADGROUP blocks when the stream is idle; also bounds how long shutdown waits. */
        @WithDefault("1S")
        Duration block();

        /** Pending entries idle longer than this are taken over (XAUTOCLAIM) from a consumer presumed dead. */
        @WithDefault("30S")
        Duration claimMinIdle();

        /**
         * Consumers of the group idle longer than this with nothing pending are deleted (XGROUP DELCONSUMER) by the claim
         * cycle: every start of a replica adds consumers of its own, and dead replicas' consumers would pile up in XINFO
         * CONSUMERS. A consumer with pending entries is never deleted (they are claimed first).
         */
        @WithDefault("10M")
        Duration deleteIdleAfter();

        /** How long to wait before reading again after Redis failed. */
        @WithDefault("1S")
        Duration retryDelay();
    }
}
