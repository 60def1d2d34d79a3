package io.ecomanalytics.metrics.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.ecomanalytics.contracts.events.OrderEvents;
import io.ecomanalytics.contracts.events.RebuildRequests;
import io.ecomanalytics.metrics.config.MetricsConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.ClaimedMessages;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Response;

/**
 * The consumer group {@value MetricKeys#GROUP} on {@code orders:events}: reads entries in batches, applies them in one pipeline
 * ({@link EventApplier}), acknowledges them only once applied, takes over entries left pending by a dead consumer (XAUTOCLAIM),
 * moves entries it cannot apply to {@code orders:events:dead} with the reason, and deletes consumers left idle with nothing
 * pending.
 */
@ApplicationScoped
public class OrderEventConsumer {
    static final String FIELD_REASON = "reason";
    static final String FIELD_SOURCE_ID = "source_id";
    static final String FIELD_CONSUMER = "consumer";
    private static final Duration LAG_REFRESH = Duration.ofSeconds(1);

    /**
     * Deletes the consumers of a group idle longer than ARGV[2] ms with nothing pending, in one atomic step: a consumer cannot
     * take entries between the check and the deletion (their delivery would be forgotten with it).
     */
    private static final String REMOVE_IDLE_CONSUMERS = """
            if redis.call('EXISTS', KEYS[1]) == 0 then
              return {}
            end
            local ok, consumers = pcall(redis.call, 'XINFO', 'CONSUMERS', KEYS[1], ARGV[1])
            if not ok then
              return {}
            end
            local removed = {}
            for _, consumer in ipairs(consumers) do
              local field = {}
              for i = 1, #consumer, 2 do
                field[consumer[i]] = consumer[i + 1]
              end
              if field['pending'] == 0 and field['idle'] > tonumber(ARGV[2]) then
                redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], field['name'])
                removed[#removed + 1] = field['name']
              end
            end
            return removed
            """;

    private final RedisDataSource redis;
    private final StreamCommands<String, String, String> streams;
    private final EventApplier applier;
    private final MetricsConfig config;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter failed;
    private final Counter deadLettered;
    private final AtomicLong lag = new AtomicLong();
    private final List<ConsumerLoop> loops = new ArrayList<>();
    private volatile long lagDueAt = System.nanoTime();

    public OrderEventConsumer(RedisDataSource redis, EventApplier applier, MetricsConfig config,
            MeterRegistry registry) {
        this.redis = redis;
        this.streams = redis.stream(String.class, String.class, String.class);
        this.applier = applier;
        this.config = config;
        this.applied = registry.counter("metrics.events.applied");
        this.duplicates = registry.counter("metrics.events.duplicate");
        this.failed = registry.counter("metrics.events.failed");
        this.deadLettered = registry.counter("metrics.events.dead_lettered");
        registry.gauge("metrics.consumer.lag", lag);
    }

    void start(@Observes StartupEvent event) {
        if (!config.consumer().enabled()) {
            Log.info("order-event consumer disabled (metrics.consumer.enabled=false)");
            return;
        }
        ensureGroup();
        String replica = replicaName();
        for (int i = 0; i < config.consumer().threads(); i++) {
            String consumer = replica + "-" + i;
            ConsumerLoop loop = new ConsumerLoop("metrics-consumer-" + i, new Round(consumer),
                    this::ensureGroup, config.consumer().retryDelay());
            loops.add(loop);
            loop.start();
        }
        Log.infof("consuming %s as %s (%d thread(s))", OrderEvents.STREAM, replica, loops.size());
    }

    void stop(@Observes ShutdownEvent event) {
        loops.forEach(loop -> loop.stop(config.consumer().block().plusSeconds(5)));
        loops.clear();
    }

    /** Creates the group, reading the stream from its start, unless it exists. */
    public void ensureGroup() {
        createGroup(streams, OrderEvents.STREAM);
    }

    static void createGroup(StreamCommands<String, String, String> streams, String stream) {
        try {
            streams.xgroupCreate(stream, MetricKeys.GROUP, "0", new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /** Reads up to one batch of new entries as {@code consumer}, applies and acknowledges them; returns how many. */
    public int poll(String consumer, Duration block) {
        List<StreamMessage<String, String, String>> entries = streams.xreadgroup(MetricKeys.GROUP, consumer,
                OrderEvents.STREAM, ">", new XReadGroupArgs().count(config.consumer().batchSize()).block(block));
        return handle(consumer, entries);
    }

    /** Takes over and handles every entry pending for longer than {@code minIdle} in the group; returns how many. */
    public int reclaim(String consumer, Duration minIdle) {
        int handled = 0;
        String start = "0-0";
        do {
            ClaimedMessages<String, String, String> claimed = streams.xautoclaim(OrderEvents.STREAM, MetricKeys.GROUP,
                    consumer, minIdle, start, config.consumer().batchSize());
            handled += handle(consumer, claimed.getMessages());
            start = claimed.getId();
        } while (!"0-0".equals(start));
        return handled;
    }

    /**
     * Deletes the consumers of group {@value MetricKeys#GROUP}, on the order-event and rebuild-request streams, that have been
     * idle longer than {@code idle} and hold no pending entry; returns their names.
     */
    public List<String> removeIdleConsumers(Duration idle) {
        List<String> removed = new ArrayList<>();
        for (String stream : List.of(OrderEvents.STREAM, RebuildRequests.STREAM)) {
            Response names = redis.execute("EVAL", REMOVE_IDLE_CONSUMERS, "1", stream, MetricKeys.GROUP,
                    Long.toString(idle.toMillis()));
            names.forEach(name -> removed.add(name.toString()));
        }
        if (!removed.isEmpty()) {
            Log.infof("deleted %d consumer(s) idle for over %s with nothing pending: %s", removed.size(), idle, removed);
        }
        return removed;
    }

    /** The group's lag (entries not yet delivered) plus its pending entries, as last read. */
    public long lag() {
        return lag.get();
    }

    private int handle(String consumer, List<StreamMessage<String, String, String>> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        List<EventApplier.Prepared> prepared = new ArrayList<>(entries.size());
        List<StreamMessage<String, String, String>> valid = new ArrayList<>(entries.size());
        Map<StreamMessage<String, String, String>, String> rejected = new LinkedHashMap<>();
        for (StreamMessage<String, String, String> entry : entries) {
            try {
                prepared.add(applier.prepare(entry.payload()));
                valid.add(entry);
            } catch (IllegalArgumentException e) {
                rejected.put(entry, "malformed: " + e.getMessage());
            }
        }
        applyAll(prepared, valid, rejected);
        rejected.forEach((entry, reason) -> deadLetter(consumer, entry, reason));
        streams.xack(OrderEvents.STREAM, MetricKeys.GROUP, entries.stream().map(StreamMessage::id)
                .toArray(String[]::new));
        return entries.size();
    }

    /**
     * One pipeline for the batch. An entry Redis refuses (a server error such as WRONGTYPE, which would recur on every retry)
     * joins the dead letters; a lost connection propagates and leaves the whole batch pending, to be read again by a reclaim.
     */
    private void applyAll(List<EventApplier.Prepared> prepared, List<StreamMessage<String, String, String>> valid,
            Map<StreamMessage<String, String, String>, String> rejected) {
        List<EventApplier.Outcome> outcomes;
        try {
            outcomes = applier.apply(prepared);
        } catch (RuntimeException e) {
            failed.increment(prepared.size());
            throw e;
        }
        for (int i = 0; i < outcomes.size(); i++) {
            EventApplier.Outcome outcome = outcomes.get(i);
            if (outcome.error() != null) {
                failed.increment();
                rejected.put(valid.get(i), "refused by Redis: " + outcome.error());
            } else {
                (outcome.applied() ? applied : duplicates).increment();
            }
        }
    }

    private void deadLetter(String consumer, StreamMessage<String, String, String> entry, String reason) {
        Map<String, String> fields = new LinkedHashMap<>(entry.payload());
        fields.put(FIELD_REASON, reason);
        fields.put(FIELD_SOURCE_ID, entry.id());
        fields.put(FIELD_CONSUMER, consumer);
        streams.xadd(OrderEvents.DEAD_LETTER_STREAM, fields);
        deadLettered.increment();
        Log.warnf("order event %s moved to %s: %s", entry.id(), OrderEvents.DEAD_LETTER_STREAM, reason);
    }

    /** Reads the group's lag and pending count from XINFO GROUPS. */
    public void refreshLag() {
        Response groups = redis.execute("XINFO", "GROUPS", OrderEvents.STREAM);
        for (Response group : groups) {
            Map<String, Response> fields = fields(group);
            if (MetricKeys.GROUP.equals(String.valueOf(fields.get("name")))) {
                Response groupLag = fields.get("lag");
                long pending = fields.get("pending").toLong();
                lag.set((groupLag == null ? 0 : groupLag.toLong()) + pending);
            }
        }
        lagDueAt = System.nanoTime() + LAG_REFRESH.toNanos();
    }

    /** XINFO answers a map under RESP3 and a flat name/value array under RESP2. */
    private static Map<String, Response> fields(Response group) {
        Map<String, Response> fields = new LinkedHashMap<>();
        if (group.getKeys() != null && !group.getKeys().isEmpty()) {
            group.getKeys().forEach(key -> fields.put(key, group.get(key)));
        } else {
            for (int i = 0; i + 1 < group.size(); i += 2) {
                fields.put(group.get(i).toString(), group.get(i + 1));
            }
        }
        return fields;
    }

    private static String replicaName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * One turn of a consumer thread: now and then reclaim what dead consumers left and delete those left idle and empty, then
     * read new entries.
     */
    private final class Round implements Runnable {
        private final String consumer;
        private long reclaimDueAt = System.nanoTime();

        Round(String consumer) {
            this.consumer = consumer;
        }

        @Override
        public void run() {
            Duration minIdle = config.consumer().claimMinIdle();
            if (System.nanoTime() - reclaimDueAt >= 0) {
                reclaim(consumer, minIdle);
                removeIdleConsumers(config.consumer().deleteIdleAfter());
                reclaimDueAt = System.nanoTime() + minIdle.toNanos() / 2;
            }
            poll(consumer, config.consumer().block());
            if (System.nanoTime() - lagDueAt >= 0) {
                refreshLag();
            }
        }
    }
}
