package io.ecomanalytics.metrics.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.ecomanalytics.contracts.events.RebuildRequests;
import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.metrics.config.MetricsConfig;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Consumer group {@value MetricKeys#GROUP} on {@link RebuildRequests#STREAM}: rebuilds the days a finished load asks for and
 * writes the outcome hash ({@code status=done|failed}, {@code at}, and {@code error} on failure). A request is acknowledged
 * only once its outcome is written; one left pending by a dead replica is taken over after {@code claim-min-idle}.
 */
@ApplicationScoped
public class RebuildRequestConsumer {
    static final String STATUS_DONE = "done";
    static final String STATUS_FAILED = "failed";

    private final StreamCommands<String, String, String> streams;
    private final RedisDataSource redis;
    private final RebuildService rebuilds;
    private final MetricsConfig config;
    private ConsumerLoop loop;

    public RebuildRequestConsumer(RedisDataSource redis, RebuildService rebuilds, MetricsConfig config) {
        this.redis = redis;
        this.streams = redis.stream(String.class, String.class, String.class);
        this.rebuilds = rebuilds;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (!config.consumer().enabled()) {
            return;
        }
        ensureGroup();
        String consumer = "rebuild-" + UUID.randomUUID();
        loop = new ConsumerLoop("metrics-rebuild-requests", () -> {
            reclaim(consumer, config.consumer().claimMinIdle());
            poll(consumer, config.consumer().block());
        }, this::ensureGroup, config.consumer().retryDelay());
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.stop(config.consumer().block().plusSeconds(30));
        }
    }

    public void ensureGroup() {
        OrderEventConsumer.createGroup(streams, RebuildRequests.STREAM);
    }

    /** Handles the next request, if one arrives within {@code block}; returns how many were handled (0 or 1). */
    public int poll(String consumer, Duration block) {
        return handle(streams.xreadgroup(MetricKeys.GROUP, consumer, RebuildRequests.STREAM, ">",
                new XReadGroupArgs().count(1).block(block)));
    }

    /** Takes over requests pending longer than {@code minIdle} (their replica died mid-rebuild). */
    public int reclaim(String consumer, Duration minIdle) {
        return handle(streams.xautoclaim(RebuildRequests.STREAM, MetricKeys.GROUP, consumer, minIdle, "0-0", 1)
                .getMessages());
    }

    private int handle(List<StreamMessage<String, String, String>> requests) {
        for (StreamMessage<String, String, String> request : requests) {
            Map<String, String> fields = request.payload();
            String runId = fields.getOrDefault(RebuildRequests.FIELD_RUN_ID, request.id());
            Map<String, String> outcome;
            try {
                LocalDate from = LocalDate.parse(fields.getOrDefault(RebuildRequests.FIELD_FROM, ""));
                LocalDate to = LocalDate.parse(fields.getOrDefault(RebuildRequests.FIELD_TO, ""));
                rebuilds.rebuild(from, to);
                outcome = Map.of("status", STATUS_DONE, "at", Instant.now().toString());
            } catch (ApiException e) {
                if (e.status() != 400) {
                    throw e; // another rebuild holds the days: left pending, taken over again after claim-min-idle
                }
                outcome = failed(request.id(), runId, e);
            } catch (DateTimeParseException e) {
                outcome = failed(request.id(), runId, e);
            }
            redis.hash(String.class).hset(RebuildRequests.resultKey(runId), outcome);
            streams.xack(RebuildRequests.STREAM, MetricKeys.GROUP, request.id());
        }
        return requests.size();
    }

    private static Map<String, String> failed(String requestId, String runId, RuntimeException e) {
        Log.warnf("rebuild request %s of run %s refused: %s", requestId, runId, e.getMessage());
        return Map.of("status", STATUS_FAILED, "at", Instant.now().toString(), "error", "bad request: " + e.getMessage());
    }
}
