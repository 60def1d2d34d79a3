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
import java.util.LinkedHashMap;
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

    /** Events per script call: bounds the arguments Lua unpacks at once (its C stack holds about 8,000). */
    static final int EVENTS_PER_CALL = 500;

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

    /** An event checked and turned into its part of the script's arguments. */
    public record Prepared(LocalDate day, List<String> args) {
    }

    /** What became of one event: applied, skipped as already applied, or refused by Redis with {@code error}. */
    public record Outcome(boolean applied, String error) {
        static final Outcome APPLIED = new Outcome(true, null);
        static final Outcome DUPLICATE = new Outcome(false, null);
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
        int region = event.region() == null ? 0 : region(event.region()).ordinal() + 1;
        List<String> args = new ArrayList<>(6 + 2 * event.items().size());
        args.addAll(List.of(Long.toString(event.orderId()), MetricKeys.counts(event.status()) ? "1" : "0",
                Long.toString(cents), Long.toString(event.customerId()), Integer.toString(region),
                Integer.toString(event.items().size())));
        for (OrderEvent.Item item : event.items()) {
            if (item == null || item.quantity() <= 0) {
                throw new IllegalArgumentException("item quantity must be positive");
            }
            args.add(Long.toString(item.productId()));
            args.add(Integer.toString(item.quantity()));
        }
        return new Prepared(event.orderedAt().atZone(store.zone()).toLocalDate(), args);
    }

    /**
     * Applies prepared events: one script call per day and chunk of {@value #EVENTS_PER_CALL} events, all calls in one pipeline
     * (written on one connection before any reply is awaited). Each call's reply is read on its own, so a refused call does not
     * hide the outcome of the others. When Redis no longer knows the script, it is loaded again and the pipeline resent, which
     * is safe: the script skips an order id already applied.
     * <p>
     * Redis does not roll back a script that fails half-way (only a key of the wrong type, planted from outside, can make it
     * fail): the writes before the failure stay, the call's events are reported refused, and reconcile shows the damage.
     *
     * @return for each event, in order, its outcome
     * @throws RuntimeException
     *             when Redis cannot be reached; nothing is known about which events were applied
     */
    public List<Outcome> apply(List<Prepared> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<List<Integer>> calls = calls(events);
        Outcome[] outcomes = send(events, calls);
        if (Arrays.stream(outcomes).anyMatch(o -> o.error() != null && o.error().startsWith("NOSCRIPT"))) {
            sha = null;
            outcomes = send(events, calls);
        }
        return Arrays.asList(outcomes);
    }

    /** Indexes of the events of each script call: grouped by day, in stream order within a day. */
    private static List<List<Integer>> calls(List<Prepared> events) {
        Map<LocalDate, List<Integer>> byDay = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            byDay.computeIfAbsent(events.get(i).day(), d -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> calls = new ArrayList<>();
        for (List<Integer> day : byDay.values()) {
            for (int from = 0; from < day.size(); from += EVENTS_PER_CALL) {
                calls.add(day.subList(from, Math.min(day.size(), from + EVENTS_PER_CALL)));
            }
        }
        return calls;
    }

    private Outcome[] send(List<Prepared> events, List<List<Integer>> calls) {
        String currentSha = loadedSha();
        Outcome[] outcomes = new Outcome[events.size()];
        RedisConnection connection = redis.connect().await().indefinitely();
        try {
            List<Uni<Void>> replies = new ArrayList<>(calls.size());
            for (List<Integer> call : calls) {
                replies.add(connection.send(request(currentSha, events, call)).map(reply -> {
                    for (int i = 0; i < call.size(); i++) {
                        outcomes[call.get(i)] = reply.get(i).toInteger() == 1 ? Outcome.APPLIED : Outcome.DUPLICATE;
                    }
                    return (Void) null;
                }).onFailure(ErrorType.class).recoverWithItem(e -> {
                    call.forEach(i -> outcomes[i] = new Outcome(false, e.getMessage()));
                    return null;
                }));
            }
            Uni.join().all(replies).andFailFast().await().indefinitely();
            return outcomes;
        } finally {
            connection.close().await().indefinitely();
        }
    }

    private Request request(String currentSha, List<Prepared> events, List<Integer> call) {
        LocalDate day = events.get(call.get(0)).day();
        Request request = Request.cmd(Command.EVALSHA).arg(currentSha).arg(7 + Region.values().length)
                .arg(MetricKeys.applied(day)).arg(MetricKeys.revenue(day)).arg(MetricKeys.orders(day))
                .arg(MetricKeys.activeCustomers(day)).arg(MetricKeys.TOP_PRODUCTS).arg(MetricKeys.topProducts(day))
                .arg(MetricKeys.DAYS);
        for (Region region : Region.values()) {
            request.arg(MetricKeys.regionRevenue(region, day));
        }
        request.arg(config.activeCustomers() == MetricsConfig.ActiveCustomers.HYPERLOGLOG ? "1" : "0")
                .arg(config.appliedTtl().toSeconds()).arg(day.toString());
        for (int i : call) {
            events.get(i).args().forEach(request::arg);
        }
        return request;
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
