package io.ecomanalytics.metrics.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.contracts.config.StoreSettings;
import io.ecomanalytics.contracts.geo.Region;
import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.contracts.redis.RedisScript;
import io.ecomanalytics.metrics.config.MetricsConfig;
import io.ecomanalytics.metrics.model.DayAggregate;
import io.ecomanalytics.metrics.model.RebuildResult;
import io.ecomanalytics.metrics.repository.OrderAggregateRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/**
 * Recomputes the metric keys of a range of days from PostgreSQL and replaces them, leaving exactly what applying every order of
 * those days as a live event leaves (including the applied ids, so a late redelivery is still skipped). Each day is replaced in
 * one MULTI/EXEC, so readers never see it half written; the days go to Redis in one pipeline per chunk. Live events of the days
 * being rebuilt wait for the rebuild ({@link DayFences}), so a rebuild of days that still receive orders loses none.
 * <p>
 * Without hash tags {@code top_produtos} (all time) is then recomputed as the union of the per-day {@code top_produtos:DAY}
 * sets listed in {@code metrics:days}; live events increment both, so both ways give the same scores. With hash tags (a Redis
 * Cluster, where that union would cross slots) each day's share of {@code top_produtos} is kept in the all-time slot, and a
 * rebuilt day replaces its share, {@code top_produtos} moving by the difference, in one script call made while the day is still
 * held ({@code lua/rebuild-top-products-day.lua}); its applied ids there are replaced too, so a late redelivery is skipped by
 * both steps.
 */
@ApplicationScoped
public class RebuildService {
    /** Members per SADD/ZADD, so one command stays a few hundred kilobytes. */
    private static final int MEMBERS_PER_COMMAND = 5_000;

    private final OrderAggregateRepository repository;
    private final Redis redis;
    private final StoreSettings store;
    private final MetricsConfig config;
    private final DayFences fences;
    private final MetricKeys keys;
    private final RedisScript topShareScript = RedisScript.fromResource(RebuildService.class,
            "/lua/rebuild-top-products-day.lua");

    public RebuildService(OrderAggregateRepository repository, Redis redis, StoreSettings store, MetricsConfig config,
            DayFences fences, MetricKeys keys) {
        this.repository = repository;
        this.redis = redis;
        this.store = store;
        this.config = config;
        this.fences = fences;
        this.keys = keys;
    }

    /**
     * Rebuilds the days {@code from..to}, a chunk at a time: the chunk's days are held ({@link DayFences}) before its SQL
     * snapshot is taken and released by the MULTI/EXEC that writes each of them, so live events of those days wait meanwhile
     * and are then applied exactly once (those in the snapshot are among the applied ids it wrote).
     *
     * @throws ApiException
     *             400 naming {@code to} for a reversed or too long range; 409 when another rebuild held the days too long
     */
    public RebuildResult rebuild(LocalDate from, LocalDate to) {
        DayRange range = DayRange.of(from, to, config.rebuild().maxDays(), "a rebuild");
        long started = System.nanoTime();
        long daysWithOrders = 0;
        long orders = 0;
        for (LocalDate chunkStart = from; !chunkStart.isAfter(to); chunkStart = chunkStart
                .plusDays(config.rebuild().chunkDays())) {
            LocalDate chunkEnd = min(to, chunkStart.plusDays(config.rebuild().chunkDays() - 1L));
            List<LocalDate> days = chunkStart.datesUntil(chunkEnd.plusDays(1)).toList();
            String hold = fences.acquire(days);
            try {
                Map<LocalDate, DayAggregate> aggregates = repository.aggregate(chunkStart, chunkEnd, store.zone());
                List<Request> requests = new ArrayList<>();
                for (LocalDate day : days) {
                    DayAggregate aggregate = aggregates.get(day);
                    if (keys.hashTags()) {
                        // one day per slot: its share of the all-time keys first, then its own keys (releasing the hold)
                        replaceTopProductsShare(day, aggregate);
                        List<Request> dayRequests = new ArrayList<>();
                        replaceDay(dayRequests, day, aggregate);
                        checkReplies(redis.batch(dayRequests).await().indefinitely());
                    } else {
                        replaceDay(requests, day, aggregate);
                    }
                    if (aggregate != null) {
                        daysWithOrders++;
                        orders += aggregate.orders();
                    }
                }
                if (!requests.isEmpty()) {
                    checkReplies(redis.batch(requests).await().indefinitely());
                }
            } finally {
                fences.release(days, hold);
            }
        }
        if (!keys.hashTags()) {
            recomputeTopProducts();
        }
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        Log.infof("rebuilt metrics from %s to %s: %d days with orders, %d orders, %d ms", from, to, daysWithOrders,
                orders, tookMillis);
        return new RebuildResult(from, to, range.days(), daysWithOrders, orders, tookMillis);
    }

    private void replaceDay(List<Request> requests, LocalDate day, DayAggregate aggregate) {
        requests.add(Request.cmd(Command.MULTI));
        // the day's hold goes in the same transaction as its new figures: events waiting for it apply on top of them
        Request delete = Request.cmd(Command.DEL).arg(keys.applied(day)).arg(keys.rebuilding(day));
        keys.dayKeys(day).forEach(delete::arg);
        requests.add(delete);
        if (!keys.hashTags() && (aggregate == null || aggregate.productQuantities().isEmpty())) {
            requests.add(Request.cmd(Command.SREM).arg(MetricKeys.DAYS).arg(day.toString()));
        }
        if (aggregate != null) {
            writeDay(requests, day, aggregate);
        }
        requests.add(Request.cmd(Command.EXEC));
    }

    private void writeDay(List<Request> requests, LocalDate day, DayAggregate aggregate) {
        if (aggregate.orders() > 0) {
            requests.add(Request.cmd(Command.SET).arg(keys.revenue(day)).arg(decimal(aggregate.revenue())));
            requests.add(Request.cmd(Command.SET).arg(keys.orders(day)).arg(aggregate.orders()));
            Command add = config.activeCustomers() == MetricsConfig.ActiveCustomers.HYPERLOGLOG
                    ? Command.PFADD
                    : Command.SADD;
            addMembers(requests, add, keys.activeCustomers(day), aggregate.customers());
        }
        aggregate.regionRevenue().forEach((Region region, BigDecimal revenue) -> requests
                .add(Request.cmd(Command.SET).arg(keys.regionRevenue(region, day)).arg(decimal(revenue))));
        if (!aggregate.productQuantities().isEmpty()) {
            List<Map.Entry<String, Long>> products = new ArrayList<>(aggregate.productQuantities().entrySet());
            for (int i = 0; i < products.size(); i += MEMBERS_PER_COMMAND) {
                Request zadd = Request.cmd(Command.ZADD).arg(keys.topProducts(day));
                products.subList(i, Math.min(products.size(), i + MEMBERS_PER_COMMAND))
                        .forEach(p -> zadd.arg(p.getValue()).arg(p.getKey()));
                requests.add(zadd);
            }
            if (!keys.hashTags()) {
                requests.add(Request.cmd(Command.SADD).arg(MetricKeys.DAYS).arg(day.toString()));
            }
        }
        if (!aggregate.orderIds().isEmpty()) {
            addMembers(requests, Command.SADD, keys.applied(day), aggregate.orderIds());
            requests.add(Request.cmd(Command.EXPIRE).arg(keys.applied(day))
                    .arg(config.appliedTtl().toSeconds()));
        }
    }

    /**
     * With hash tags: the day's share of {@code top_produtos} := its quantities in PostgreSQL, {@code top_produtos} moved by
     * the difference, and the ids counted there := every order id of the day, in one script call in the all-time slot.
     */
    private void replaceTopProductsShare(LocalDate day, DayAggregate aggregate) {
        Map<String, Long> products = aggregate == null ? Map.of() : aggregate.productQuantities();
        List<Object> args = new ArrayList<>(2 + 2 * products.size()
                + (aggregate == null ? 0 : aggregate.orderIds().size()));
        args.add(config.appliedTtl().toSeconds());
        args.add(products.size());
        products.forEach((product, quantity) -> {
            args.add(product);
            args.add(quantity);
        });
        if (aggregate != null) {
            args.addAll(aggregate.orderIds());
        }
        Uni.createFrom().completionStage(() -> topShareScript.run(redis.getDelegate()::send, List.of(
                MetricKeys.TOP_PRODUCTS, keys.topProductsShare(day), keys.topProductsApplied(day)), args)
                .toCompletionStage()).await().indefinitely();
    }

    /** Without hash tags: {@code top_produtos} := union of every day's quantities; dropped when no day has any. */
    private void recomputeTopProducts() {
        Response days = redis.send(Request.cmd(Command.SMEMBERS).arg(MetricKeys.DAYS)).await().indefinitely();
        if (days.size() == 0) {
            redis.send(Request.cmd(Command.DEL).arg(MetricKeys.TOP_PRODUCTS)).await().indefinitely();
            return;
        }
        Request union = Request.cmd(Command.ZUNIONSTORE).arg(MetricKeys.TOP_PRODUCTS).arg(days.size());
        for (Response day : days) {
            union.arg(keys.topProducts(LocalDate.parse(day.toString())));
        }
        redis.send(union).await().indefinitely();
    }

    /** A pipeline answers each command on its own (EXEC with the replies of its queued commands): any error fails. */
    private static void checkReplies(List<Response> replies) {
        for (Response reply : replies) {
            if (reply == null) {
                continue;
            }
            if (reply.type() == ResponseType.ERROR) {
                throw new IllegalStateException("Redis refused a rebuild write: " + reply);
            }
            if (reply.type() == ResponseType.MULTI) {
                List<Response> nested = new ArrayList<>();
                reply.forEach(nested::add);
                checkReplies(nested);
            }
        }
    }

    private static void addMembers(List<Request> requests, Command command, String key, Collection<String> members) {
        List<String> all = new ArrayList<>(members);
        for (int i = 0; i < all.size(); i += MEMBERS_PER_COMMAND) {
            Request request = Request.cmd(command).arg(key);
            all.subList(i, Math.min(all.size(), i + MEMBERS_PER_COMMAND)).forEach(request::arg);
            requests.add(request);
        }
    }

    /** The same text the Lua script writes: plain, two decimal places. */
    static String decimal(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
