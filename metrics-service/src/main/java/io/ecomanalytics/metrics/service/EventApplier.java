package io.ecomanalytics.metrics.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.contracts.config.StoreSettings;
import io.ecomanalytics.contracts.events.OrderEvent;
import io.ecomanalytics.contracts.events.OrderEvents;
import io.ecomanalytics.contracts.geo.Region;
import io.ecomanalytics.contracts.redis.RedisScript;
import io.ecomanalytics.metrics.config.MetricsConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import io.vertx.redis.client.impl.types.ErrorType;

/**
 * Applies order events to the metric keys with the Lua script {@code lua/apply-order-event.lua} (and, when the keys carry hash
 * tags, {@code lua/apply-top-products.lua} for the all-time keys), called by EVALSHA and sent with its source when Redis
 * answers NOSCRIPT (after a restart or SCRIPT FLUSH, or on a cluster node that never ran it). Many events go in one pipeline.
 */
@ApplicationScoped
public class EventApplier {
    /** The statuses of {@code commerce.orders}: an event with any other status is malformed. */
    static final List<String> KNOWN_STATUSES = List.of("created", "approved", "invoiced", "processing", "shipped",
            "delivered", "canceled", "unavailable");

    /** Events per script call: bounds the arguments Lua unpacks at once (its C stack holds about 8,000). */
    static final int EVENTS_PER_CALL = 1000;

    /** The script's answer when a rebuild holds the call's day. */
    private static final int FENCED = -1;

    /** How often a call on a day held by a rebuild is tried again (a rebuild of a day takes milliseconds to seconds). */
    private static final long FENCE_RETRY_MILLIS = 50;

    private final Redis redis;
    private final StoreSettings store;
    private final MetricsConfig config;
    private final MetricKeys keys;
    private final RedisScript dayScript = RedisScript.fromResource(EventApplier.class, "/lua/apply-order-event.lua");
    private final RedisScript allTimeScript = RedisScript.fromResource(EventApplier.class,
            "/lua/apply-top-products.lua");

    public EventApplier(Redis redis, StoreSettings store, MetricsConfig config, MetricKeys keys) {
        this.redis = redis;
        this.store = store;
        this.config = config;
        this.keys = keys;
    }

    /**
     * An event checked and reduced to what the script needs: the store day, order id, whether its status counts, revenue in
     * cents, customer, region number (0 = none, n = the n-th {@link Region}) and the product ids and quantities of its lines.
     */
    public record Prepared(LocalDate day, long orderId, boolean counted, long cents, long customerId, int region,
            long[] products, int[] quantities) {

        /** The event's arguments in the script's mode {@code each}. */
        void addArgs(Request request) {
            request.arg(orderId).arg(counted ? 1 : 0).arg(cents).arg(customerId).arg(region).arg(products.length);
            for (int i = 0; i < products.length; i++) {
                request.arg(products[i]).arg(quantities[i]);
            }
        }
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
        long[] products = new long[event.items().size()];
        int[] quantities = new int[products.length];
        for (int i = 0; i < products.length; i++) {
            OrderEvent.Item item = event.items().get(i);
            if (item == null || item.quantity() <= 0) {
                throw new IllegalArgumentException("item quantity must be positive");
            }
            products[i] = item.productId();
            quantities[i] = item.quantity();
        }
        return new Prepared(event.orderedAt().atZone(store.zone()).toLocalDate(), event.orderId(),
                MetricKeys.counts(event.status()), cents, event.customerId(), region, products, quantities);
    }

    /**
     * Applies prepared events: one script call per day and chunk of {@value #EVENTS_PER_CALL} events, all calls in one pipeline
     * (written on one connection before any reply is awaited). Each call first sends the events summed up (mode {@code new});
     * the calls the script answers with "some id was applied before" (a redelivery) are sent again event by event (mode
     * {@code each}), in a second pipeline. Each call's reply is read on its own, so a refused call does not hide the outcome of
     * the others. When Redis does not know the script (restarted, flushed, or a cluster node that never ran it), those calls
     * are sent again with its source; a call on a day a rebuild is replacing ({@link DayFences}) is resent every
     * {@value #FENCE_RETRY_MILLIS} ms until the rebuild is written. Both are safe: the script skips an order id already
     * applied.
     * <p>
     * With hash-tagged keys the all-time keys live in another slot, so a second step then adds the calls' product quantities to
     * {@value MetricKeys#TOP_PRODUCTS} ({@code apply-top-products.lua}), de-duplicated by order ids of its own: a replay of
     * events after a crash between the two steps is skipped by the step that saw them and counted by the other. It runs for
     * every call the day step did not refuse, duplicates included (their all-time step may be the one that was missed).
     * <p>
     * Redis does not roll back a script that fails half-way (only a key of the wrong type, planted from outside, can make it
     * fail): the writes before the failure stay, the call's events are reported refused, and reconcile shows the damage.
     *
     * @return for each event, in order, its outcome (applied or not: the day step's answer)
     * @throws RuntimeException
     *             when Redis cannot be reached, or a rebuild held a day longer than {@link DayFences#TTL}; nothing is known
     *             about which events were applied
     */
    public List<Outcome> apply(List<Prepared> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Outcome[] outcomes = new Outcome[events.size()];
        List<List<Integer>> calls = calls(events);
        List<List<Integer>> fenced = sendDays(events, calls, outcomes);
        long giveUpAt = System.nanoTime() + DayFences.TTL.toNanos();
        while (!fenced.isEmpty()) {
            if (System.nanoTime() - giveUpAt > 0) {
                throw new IllegalStateException("a rebuild has held the day of " + fenced.size()
                        + " script call(s) for longer than " + DayFences.TTL);
            }
            pause();
            fenced = sendDays(events, fenced, outcomes);
        }
        if (keys.hashTags()) {
            applyAllTime(events, calls.stream().filter(call -> outcomes[call.get(0)].error() == null).toList(),
                    outcomes);
        }
        return Arrays.asList(outcomes);
    }

    /**
     * Only the day step of {@link #apply} (with hash-tagged keys): what a crash right after it leaves, for tests of the replay.
     */
    List<Outcome> applyDayStepOnly(List<Prepared> events) {
        Outcome[] outcomes = new Outcome[events.size()];
        if (!sendDays(events, calls(events), outcomes).isEmpty()) {
            throw new IllegalStateException("a rebuild holds the day");
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

    /** The day step: fills in the events' outcomes; returns the calls refused because a rebuild holds their day. */
    private List<List<Integer>> sendDays(List<Prepared> events, List<List<Integer>> calls, Outcome[] outcomes) {
        List<List<Integer>> fenced = Collections.synchronizedList(new ArrayList<>());
        send(new Step() {
            @Override
            public Request summed(boolean withSource, List<Integer> call) {
                return daySummed(withSource, events, call);
            }

            @Override
            public Request each(boolean withSource, List<Integer> call) {
                return dayEach(withSource, events, call);
            }

            @Override
            public boolean summedReply(List<Integer> call, Response reply) {
                switch (reply.toInteger()) {
                    case 1 -> call.forEach(i -> outcomes[i] = Outcome.APPLIED);
                    case FENCED -> fenced.add(call);
                    default -> {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public void eachReply(List<Integer> call, Response reply) {
                if (reply.type() == ResponseType.NUMBER) {
                    fenced.add(call);
                    return;
                }
                for (int i = 0; i < call.size(); i++) {
                    outcomes[call.get(i)] = reply.get(i).toInteger() == 1 ? Outcome.APPLIED : Outcome.DUPLICATE;
                }
            }
        }, calls, outcomes);
        return new ArrayList<>(fenced);
    }

    /**
     * The all-time step: the calls' product quantities added to {@value MetricKeys#TOP_PRODUCTS}, summed (mode {@code new}), or
     * event by event when some order was added before. The day step's outcomes stand, but a call refused here leaves its events
     * refused.
     */
    private void applyAllTime(List<Prepared> events, List<List<Integer>> calls, Outcome[] outcomes) {
        Outcome[] refused = new Outcome[events.size()];
        send(new Step() {
            @Override
            public Request summed(boolean withSource, List<Integer> call) {
                return allTimeSummed(withSource, events, call);
            }

            @Override
            public Request each(boolean withSource, List<Integer> call) {
                return allTimeEach(withSource, events, call);
            }

            @Override
            public boolean summedReply(List<Integer> call, Response reply) {
                return reply.toInteger() != 1;
            }

            @Override
            public void eachReply(List<Integer> call, Response reply) {
                // each event was added now or before
            }
        }, calls, refused);
        for (int i = 0; i < refused.length; i++) {
            if (refused[i] != null) {
                outcomes[i] = refused[i];
            }
        }
    }

    /** One step's script calls: how they are made and what their replies mean. */
    private interface Step {
        /** The call with the events summed up (mode {@code new}); null when an order id repeats within it. */
        Request summed(boolean withSource, List<Integer> call);

        /** The call event by event (mode {@code each}). */
        Request each(boolean withSource, List<Integer> call);

        /** Takes a summed call's reply; true when the call must go again event by event. */
        boolean summedReply(List<Integer> call, Response reply);

        void eachReply(List<Integer> call, Response reply);
    }

    /**
     * Sends a step's calls; those Redis did not know the script for go again with its source. A call Redis refuses marks its
     * events refused in {@code refused}.
     */
    private void send(Step step, List<List<Integer>> calls, Outcome[] refused) {
        pipelines(step, calls, refused, false);
        List<List<Integer>> unknownScript = calls.stream()
                .filter(call -> RedisScript.isNoScript(error(refused[call.get(0)]))).toList();
        if (!unknownScript.isEmpty()) {
            unknownScript.forEach(call -> call.forEach(i -> refused[i] = null));
            pipelines(step, unknownScript, refused, true);
        }
    }

    /** The calls summed, in one pipeline; then, in a second, event by event those that need it. */
    private void pipelines(Step step, List<List<Integer>> calls, Outcome[] refused, boolean withSource) {
        RedisConnection connection = redis.connect().await().indefinitely();
        try {
            List<List<Integer>> redelivered = Collections.synchronizedList(new ArrayList<>());
            List<Uni<Void>> replies = new ArrayList<>(calls.size());
            for (List<Integer> call : calls) {
                Request summed = step.summed(withSource, call);
                if (summed == null) {
                    redelivered.add(call);
                    continue;
                }
                replies.add(reply(connection, summed, call, refused, reply -> {
                    if (step.summedReply(call, reply)) {
                        redelivered.add(call);
                    }
                }));
            }
            await(replies);
            replies.clear();
            for (List<Integer> call : redelivered) {
                replies.add(reply(connection, step.each(withSource, call), call, refused,
                        reply -> step.eachReply(call, reply)));
            }
            await(replies);
        } finally {
            connection.close().await().indefinitely();
        }
    }

    private static Throwable error(Outcome outcome) {
        return outcome == null || outcome.error() == null ? null : new IllegalStateException(outcome.error());
    }

    private static void pause() {
        try {
            Thread.sleep(FENCE_RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a rebuild held the day", e);
        }
    }

    /** Sends one call; a reply Redis refused marks the call's events refused, a lost connection fails the whole pipeline. */
    private static Uni<Void> reply(RedisConnection connection, Request request, List<Integer> call, Outcome[] outcomes,
            Consumer<Response> onReply) {
        return connection.send(request).map(reply -> {
            onReply.accept(reply);
            return (Void) null;
        }).onFailure(ErrorType.class).recoverWithItem(e -> {
            call.forEach(i -> outcomes[i] = new Outcome(false, e.getMessage()));
            return null;
        });
    }

    private static void await(List<Uni<Void>> replies) {
        if (!replies.isEmpty()) {
            Uni.join().all(replies).andFailFast().await().indefinitely();
        }
    }

    /** A call of the day script: the day's keys (and, without hash tags, the all-time keys), then the common arguments. */
    private Request dayRequest(boolean withSource, LocalDate day, String mode) {
        List<String> callKeys = new ArrayList<>(List.of(keys.applied(day), keys.revenue(day), keys.orders(day),
                keys.activeCustomers(day), keys.topProducts(day), keys.rebuilding(day)));
        for (Region region : Region.values()) {
            callKeys.add(keys.regionRevenue(region, day));
        }
        if (!keys.hashTags()) {
            callKeys.add(MetricKeys.TOP_PRODUCTS);
            callKeys.add(MetricKeys.DAYS);
        }
        return Request.newInstance(dayScript.request(withSource, callKeys)).arg(mode)
                .arg(config.activeCustomers() == MetricsConfig.ActiveCustomers.HYPERLOGLOG ? "1" : "0")
                .arg(config.appliedTtl().toSeconds()).arg(day.toString()).arg(Region.values().length);
    }

    /**
     * The call in mode {@code new}: its events summed up (counted orders, revenue, customers, revenue per region, quantity per
     * product). Null when an order id repeats within the call, which only mode {@code each} sorts out.
     */
    private Request daySummed(boolean withSource, List<Prepared> events, List<Integer> call) {
        if (!distinctIds(events, call)) {
            return null;
        }
        long orders = 0;
        long cents = 0;
        List<Long> customers = new ArrayList<>(call.size());
        long[] regionCents = new long[Region.values().length];
        for (int i : call) {
            Prepared event = events.get(i);
            if (event.counted()) {
                orders++;
                cents += event.cents();
                customers.add(event.customerId());
                if (event.region() > 0) {
                    regionCents[event.region() - 1] += event.cents();
                }
            }
        }
        Request request = dayRequest(withSource, events.get(call.get(0)).day(), "new").arg(call.size());
        call.forEach(i -> request.arg(events.get(i).orderId()));
        request.arg(orders).arg(cents).arg(customers.size());
        customers.forEach(request::arg);
        for (long c : regionCents) {
            request.arg(c);
        }
        quantities(events, call).forEach((product, quantity) -> request.arg(product).arg(quantity));
        return request;
    }

    /** The call in mode {@code each}: every event's own figures, for the script to skip the ids applied before. */
    private Request dayEach(boolean withSource, List<Prepared> events, List<Integer> call) {
        Request request = dayRequest(withSource, events.get(call.get(0)).day(), "each");
        call.forEach(i -> events.get(i).addArgs(request));
        return request;
    }

    private Request allTimeRequest(boolean withSource, LocalDate day, String mode) {
        return Request.newInstance(allTimeScript.request(withSource, List.of(MetricKeys.TOP_PRODUCTS,
                keys.topProductsShare(day), keys.topProductsApplied(day)))).arg(mode)
                .arg(config.appliedTtl().toSeconds());
    }

    /** The all-time call in mode {@code new}: the order ids and the summed quantities; null when an id repeats. */
    private Request allTimeSummed(boolean withSource, List<Prepared> events, List<Integer> call) {
        if (!distinctIds(events, call)) {
            return null;
        }
        Request request = allTimeRequest(withSource, events.get(call.get(0)).day(), "new").arg(call.size());
        call.forEach(i -> request.arg(events.get(i).orderId()));
        quantities(events, call).forEach((product, quantity) -> request.arg(product).arg(quantity));
        return request;
    }

    /** The all-time call in mode {@code each}: per event its id and, when it counts, its lines. */
    private Request allTimeEach(boolean withSource, List<Prepared> events, List<Integer> call) {
        Request request = allTimeRequest(withSource, events.get(call.get(0)).day(), "each");
        for (int i : call) {
            Prepared event = events.get(i);
            int lines = event.counted() ? event.products().length : 0;
            request.arg(event.orderId()).arg(lines);
            for (int k = 0; k < lines; k++) {
                request.arg(event.products()[k]).arg(event.quantities()[k]);
            }
        }
        return request;
    }

    private static boolean distinctIds(List<Prepared> events, List<Integer> call) {
        Set<Long> ids = new HashSet<>(call.size() * 2);
        for (int i : call) {
            if (!ids.add(events.get(i).orderId())) {
                return false;
            }
        }
        return true;
    }

    /** Quantity sold per product by the call's events that count. */
    private static Map<Long, Long> quantities(List<Prepared> events, List<Integer> call) {
        Map<Long, Long> quantities = new LinkedHashMap<>();
        for (int i : call) {
            Prepared event = events.get(i);
            if (event.counted()) {
                for (int k = 0; k < event.products().length; k++) {
                    quantities.merge(event.products()[k], (long) event.quantities()[k], Long::sum);
                }
            }
        }
        return quantities;
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
}
