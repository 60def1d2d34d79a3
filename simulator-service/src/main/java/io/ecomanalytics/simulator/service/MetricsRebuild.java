package io.ecomanalytics.simulator.service;

import java.time.LocalDate;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.contracts.events.RebuildRequests;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * Asks metrics-service to rebuild the Redis metrics of the days a load touched (an entry on {@link RebuildRequests#STREAM}) and
 * reads whether it did. Redis being down never fails a load: the request is then reported as not made.
 */
@ApplicationScoped
public class MetricsRebuild {
    public static final String REQUESTED = "requested";
    public static final String NOT_REQUESTED = "not-requested";
    public static final String PENDING = "pending";
    public static final String DONE = "done";

    private final RedisDataSource redis;

    public MetricsRebuild(RedisDataSource redis) {
        this.redis = redis;
    }

    /** Returns {@link #REQUESTED} or, when Redis cannot be reached, {@link #NOT_REQUESTED}. */
    public String request(String runId, LocalDate from, LocalDate to) {
        try {
            redis.stream(String.class).xadd(RebuildRequests.STREAM, Map.of(RebuildRequests.FIELD_RUN_ID, runId,
                    RebuildRequests.FIELD_FROM, from.toString(), RebuildRequests.FIELD_TO, to.toString()));
            return REQUESTED;
        } catch (RuntimeException e) {
            Log.warnf("could not ask for a metrics rebuild of run %s (%s); the run's rebuild stays not-requested", runId,
                    e.getMessage());
            return NOT_REQUESTED;
        }
    }

    /** {@link #DONE} once metrics-service wrote its result hash, {@link #PENDING} before (or while Redis is down). */
    public String state(String runId) {
        try {
            String status = redis.hash(String.class).hget(RebuildRequests.resultKey(runId), "status");
            return DONE.equals(status) ? DONE : PENDING;
        } catch (RuntimeException e) {
            return PENDING;
        }
    }
}
