package io.ecomanalytics.simulator.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.contracts.events.OrderEvent;
import io.ecomanalytics.contracts.events.OrderEvents;
import io.ecomanalytics.contracts.geo.Region;
import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.simulator.generator.SimulationConstants;
import io.ecomanalytics.simulator.generator.StoreGenerator;
import io.ecomanalytics.simulator.model.LiveStreamRequest;
import io.ecomanalytics.simulator.model.LiveStreamStatus;
import io.ecomanalytics.simulator.repository.LiveOrderRepository;
import io.ecomanalytics.simulator.repository.LiveOrderRepository.Buyer;
import io.ecomanalytics.simulator.repository.LiveOrderRepository.Line;
import io.ecomanalytics.simulator.repository.LiveOrderRepository.NewOrder;
import io.ecomanalytics.simulator.repository.LiveOrderRepository.Offer;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * The live order stream: at a fixed rate, places an order of an existing customer (committed first; the sales mart is refreshed
 * right after it, on {@link SalesMartKeeper}'s thread), then appends its {@link OrderEvent} to {@link OrderEvents#STREAM}. A
 * stream of {@code r} orders per second for {@code d} seconds places exactly {@code r x d} orders, one per tick: it ends with
 * its last order, not at a clock time (a tick due at the very end used to race the end and made 4,001 of 200/s x 20 s; a busy
 * machine made fewer). One stream at a time per instance.
 */
@ApplicationScoped
public class LiveOrderService {
    /** Customers and products drawn once per stream to buy from; enough variety for live counters. */
    private static final int POOL_SIZE = 5000;
    private static final int MAX_LINES = 3;

    private final LiveOrderRepository repository;
    private final RedisDataSource redis;
    private final SalesMartKeeper mart;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-orders");
        t.setDaemon(true);
        return t;
    });
    private final SplittableRandom random = new SplittableRandom();

    private LiveRun current;

    /** One started stream and its tallies. */
    private final class LiveRun {
        final LiveStreamRequest request;
        final Instant startedAt = Instant.now();
        final List<Buyer> buyers;
        final List<Offer> offers;
        /** Orders to place: one per tick, {@code ordersPerSecond x durationSeconds} ticks. */
        final long total;
        final AtomicLong inserted = new AtomicLong();
        final AtomicLong insertFailures = new AtomicLong();
        final AtomicLong published = new AtomicLong();
        final AtomicLong publishFailures = new AtomicLong();
        /** Ticks taken so far; only the scheduler's one thread counts them. */
        long ticksTaken;
        volatile Long lastOrderId;
        volatile boolean running = true;
        volatile ScheduledFuture<?> ticks;

        LiveRun(LiveStreamRequest request, List<Buyer> buyers, List<Offer> offers) {
            this.request = request;
            this.buyers = buyers;
            this.offers = offers;
            this.total = (long) request.ordersPerSecond() * request.durationSeconds();
        }

        LiveStreamStatus status() {
            return new LiveStreamStatus(running, request.ordersPerSecond(), request.durationSeconds(), startedAt,
                    startedAt.plusSeconds(request.durationSeconds()), inserted.get(), insertFailures.get(),
                    published.get(), publishFailures.get(), lastOrderId);
        }
    }

    public LiveOrderService(LiveOrderRepository repository, RedisDataSource redis, SalesMartKeeper mart) {
        this.repository = repository;
        this.redis = redis;
        this.mart = mart;
    }

    public synchronized LiveStreamStatus start(LiveStreamRequest request) {
        if (current != null && current.running) {
            throw ApiException.conflict("a live order stream is already running; stop it first");
        }
        List<Buyer> buyers = repository.sampleBuyers(POOL_SIZE);
        List<Offer> offers = repository.sampleOffers(POOL_SIZE);
        if (buyers.isEmpty() || offers.isEmpty()) {
            throw ApiException.badRequest(null,
                    "the database has no customers or no products on sale: load a simulation first");
        }
        LiveRun stream = new LiveRun(request, buyers, offers);
        long periodNanos = 1_000_000_000L / request.ordersPerSecond();
        stream.ticks = scheduler.scheduleAtFixedRate(() -> tick(stream), 0, periodNanos, TimeUnit.NANOSECONDS);
        if (!stream.running) {
            stream.ticks.cancel(false); // a one-order stream may have ended before its ticks were known
        }
        current = stream;
        Log.infof("live order stream started: %d orders/s for %d s", request.ordersPerSecond(),
                request.durationSeconds());
        return stream.status();
    }

    public synchronized LiveStreamStatus status() {
        return current == null ? LiveStreamStatus.idle() : current.status();
    }

    public synchronized LiveStreamStatus stop() {
        if (current == null) {
            return LiveStreamStatus.idle();
        }
        finish(current);
        try {
            // the scheduler runs one task at a time: once this no-op ran, an order being placed at the stop is counted
            scheduler.submit(() -> {
            }).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            Log.warnf("live stream stopped without waiting for its last order: %s", e.getMessage());
        }
        return current.status();
    }

    private void finish(LiveRun stream) {
        stream.running = false;
        ScheduledFuture<?> ticks = stream.ticks;
        if (ticks != null) {
            ticks.cancel(false);
        }
    }

    /** One tick places one order; the tick that places the last one ends the stream. */
    private void tick(LiveRun stream) {
        if (!stream.running) {
            return;
        }
        try {
            Buyer buyer = stream.buyers.get(random.nextInt(stream.buyers.size()));
            NewOrder order = newOrder(buyer, stream.offers);
            long id = repository.insert(order);
            stream.inserted.incrementAndGet();
            stream.lastOrderId = id;
            mart.changed();
            publish(stream, event(id, buyer, order));
        } catch (RuntimeException e) {
            // one failed order (database briefly away) must not end the stream; its tick is spent, and counted
            stream.insertFailures.incrementAndGet();
            Log.warnf("live order failed: %s", e.getMessage());
        }
        // after the order: a caller that sees the stream ended sees its last order counted
        if (++stream.ticksTaken >= stream.total) {
            finish(stream);
        }
    }

    private void publish(LiveRun stream, OrderEvent event) {
        try {
            redis.stream(String.class).xadd(OrderEvents.STREAM, OrderEvents.toFields(event));
            stream.published.incrementAndGet();
        } catch (RuntimeException e) {
            stream.publishFailures.incrementAndGet();
            Log.warnf("order %d committed but its event was not published: %s", event.orderId(), e.getMessage());
        }
    }

    private NewOrder newOrder(Buyer buyer, List<Offer> offers) {
        Region region = Region.valueOf(buyer.region());
        int count = 1 + random.nextInt(MAX_LINES);
        List<Line> lines = new ArrayList<>();
        List<Long> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Offer offer = offers.get(random.nextInt(offers.size()));
            if (taken.contains(offer.id())) {
                continue;
            }
            taken.add(offer.id());
            int quantity = 1 + random.nextInt(2);
            lines.add(new Line(offer.id(), quantity, offer.priceCents(), offer.costCents(),
                    StoreGenerator.freightCents(region, offer.priceCents(), quantity, random.nextDouble())));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        int promise = SimulationConstants.DELIVERY_DAYS_BY_REGION.get(region) + SimulationConstants.MAX_HANDLING_DAYS
                + SimulationConstants.PROMISE_SLACK_DAYS;
        String channel = random.nextBoolean() ? "web" : "app";
        return new NewOrder(buyer.id(), now, "approved", channel, "credit_card", now.plus(promise, ChronoUnit.DAYS),
                lines);
    }

    private static OrderEvent event(long id, Buyer buyer, NewOrder order) {
        List<OrderEvent.Item> items = order.lines().stream().map(l -> new OrderEvent.Item(l.productId(), l.quantity(),
                LiveOrderRepository.money(l.unitPriceCents()))).toList();
        return new OrderEvent(id, buyer.id(), order.orderedAt(), order.status(), buyer.state(), buyer.region(),
                LiveOrderRepository.money(order.revenueCents()), items);
    }

    @PreDestroy
    void shutdown() {
        scheduler.shutdownNow();
    }
}
