package io.ecomanalytics.metrics.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.contracts.config.StoreSettings;
import io.ecomanalytics.contracts.events.OrderEvent;
import io.ecomanalytics.contracts.events.OrderEvents;
import io.ecomanalytics.contracts.geo.Region;
import io.ecomanalytics.metrics.config.MetricsConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.impl.types.ErrorType;

/**
 * Applies order events to the metric keys with the one Lua script {@code lua/apply-order-event.lua}: loaded once, called by
 * EVALSHA, loaded again when Redis answers NOSCRIPT (after a restart or SCRIPT FLUSH). Many events go in one pipeline.
 */
@ApplicationScoped
public class EventApplier {
    /** The statuses of {@code commerce.orders}: an event with any other status is malformed. */
    static final List<String> KNOWN_STATUSES = List.of("created", "approved", "invoiced", "processing", "shipped",
            "delivered", "canceled", "unavailable");

    private final Redis redis;
    private final StoreSettings store;
    private final MetricsConfig config;
    private final String script;
    private volatile String sha;

    public EventApplier(Redis redis, StoreSettings store, MetricsConfig config) {
        this.redis = redis;
        this.store = store;
        this.config = config;
        this.script = readScript();
    }

    /** An event checked and turned into its EVALSHA arguments. */
    public record Prepared(LocalDate day, List<String> keys, List<String> args) {
    }

    /**
     * Reads and checks a stream entry.
     *
     * @throws IllegalArgumentException
     *             naming what is wrong with it
     */
    public Prepared prepare(Map<String, String> fields) {
        OrderEvent event = OrderEvents.fromFields(fields);
        if (event.status() == null || !KNOWN_STATUSES.contains(event.status())) {
            throw new IllegalArgumentException("unknown status: " + event.status());
        }
        long cents = cents(event.revenue(), "revenue");
        LocalDate day = event.orderedAt().atZone(store.zone()).toLocalDate();
        List<String> keys = new ArrayList<>(8);
        keys.addAll(List.of(MetricKeys.applied(day), MetricKeys.revenue(day), MetricKeys.orders(day),
                MetricKeys.activeCustomers(day), MetricKeys.TOP_PRODUCTS, MetricKeys.topProducts(day),
                MetricKeys.DAYS));
        if (event.region() != null) {
            keys.add(MetricKeys.regionRevenue(region(event.region()), day));
        }
        List<String> args = new ArrayList<>(7 + 2 * event.items().size());
        args.addAll(List.of(Long.toString(event.orderId()), MetricKeys.counts(event.status()) ? "1" : "0",
                Long.toString(cents), Long.toString(event.customerId()),
                config.activeCustomers() == MetricsConfig.ActiveCustomers.HYPERLOGLOG ? "1" : "0",
                Long.toString(config.appliedTtl().toSeconds()), day.toString()));
        for (OrderEvent.Item item : event.items()) {
            if (item == null || item.quantity() <= 0) {
                throw new IllegalArgumentException("item quantity must be positive");
            }
            args.add(Long.toString(item.productId()));
            args.add(Integer.toString(item.quantity()));
        }
        return new Prepared(day, keys, args);
    }

    /** What became of one event: applied, skipped as already applied, or refused by Redis with {@code error}. */
    public record Outcome(boolean applied, String error) {
        static final Outcome APPLIED = new Outcome(true, null);
        static final Outcome DUPLICATE = new Outcome(false, null);
    }

    /**
     * Applies prepared events in one pipeline: every EVALSHA is written on one connection before any reply is awaited, and each
     * reply is read on its own, so one refused script does not hide the outcome of the others. When Redis no longer knows the
     * script, it is loaded again and the pipeline resent, which is safe: the script skips an order id already applied.
     * <p>
     * Redis does not roll back a script that fails half-way (only a key of the wrong type, planted from outside, can make it
     * fail): the writes before the failure stay, the event is reported refused, and reconcile shows the damage.
     *
     * @return for each event, in order, its outcome
     * @throws RuntimeException
     *             when Redis cannot be reached; nothing is known about which events were applied
     */
    public List<Outcome> apply(List<Prepared> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<Outcome> outcomes = send(events);
        if (outcomes.stream().anyMatch(o -> o.error() != null && o.error().startsWith("NOSCRIPT"))) {
            sha = null;
            outcomes = send(events);
        }
        return outcomes;
    }

    private List<Outcome> send(List<Prepared> events) {
        String currentSha = loadedSha();
        RedisConnection connection = redis.connect().await().indefinitely();
        try {
            List<Uni<Outcome>> replies = new ArrayList<>(events.size());
            for (Prepared event : events) {
                Request request = Request.cmd(Command.EVALSHA).arg(currentSha).arg(event.keys().size());
                event.keys().forEach(request::arg);
                event.args().forEach(request::arg);
                replies.add(connection.send(request)
                        .map(reply -> reply.toLong() == 1L ? Outcome.APPLIED : Outcome.DUPLICATE)
                        .onFailure(ErrorType.class).recoverWithItem(e -> new Outcome(false, e.getMessage())));
            }
            return Uni.join().all(replies).andFailFast().await().indefinitely();
        } finally {
            connection.close().await().indefinitely();
        }
    }

    private String loadedSha() {
        String current = sha;
        if (current == null) {
            current = redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(script)).await().indefinitely()
                    .toString();
            sha = current;
        }
        return current;
    }

    /** Exact cents of a non-negative amount with at most two decimal places. */
    static long cents(BigDecimal amount, String field) {
        if (amount.signum() < 0) {
            throw new IllegalArgumentException(field + " must not be negative");
        }
        try {
            return amount.setScale(2, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " must have at most two decimal places: " + amount);
        }
    }

    private static Region region(String code) {
        try {
            return Region.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown region: " + code + " (expected one of "
                    + Arrays.toString(Region.values()) + ")");
        }
    }

    private static String readScript() {
        try (InputStream in = EventApplier.class.getClassLoader().getResourceAsStream("lua/apply-order-event.lua")) {
            if (in == null) {
                throw new IllegalStateException("lua/apply-order-event.lua is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
