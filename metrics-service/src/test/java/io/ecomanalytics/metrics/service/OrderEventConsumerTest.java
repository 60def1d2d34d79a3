package io.ecomanalytics.metrics.service;

import static io.ecomanalytics.metrics.OrderFixtures.DAY_1;
import static io.ecomanalytics.metrics.OrderFixtures.DAY_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.events.OrderEvent;
import io.ecomanalytics.contracts.events.OrderEvent.Item;
import io.ecomanalytics.contracts.events.OrderEvents;
import io.ecomanalytics.metrics.OrderFixtures;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OrderEventConsumerTest {
    private static final Duration NO_BLOCK = Duration.ofMillis(10);

    @Inject
    RedisDataSource redis;
    @Inject
    OrderEventConsumer consumer;
    @Inject
    MeterRegistry registry;
    @Inject
    DayFences fences;

    @BeforeEach
    void cleanRedis() {
        OrderFixtures.cleanRedis(redis);
        consumer.ensureGroup();
    }

    @Test
    void writesEveryKeyFromKnownEvents() {
        OrderFixtures.publish(redis, OrderFixtures.events());

        assertThat(consumer.poll("a", NO_BLOCK)).isEqualTo(5);

        assertThat(get("faturamento:2026-03-10")).isEqualTo("179.95");
        assertThat(get("pedidos_count:2026-03-10")).isEqualTo("3");
        assertThat(members("clientes_ativos:2026-03-10")).containsExactlyInAnyOrder("1", "2");
        assertThat(get("vendas_por_regiao:SUDESTE:2026-03-10")).isEqualTo("120.25");
        assertThat(get("vendas_por_regiao:NORDESTE:2026-03-10")).isEqualTo("59.70");
        assertThat(get("vendas_por_regiao:SUL:2026-03-10")).isNull();
        assertThat(scores("top_produtos:2026-03-10")).isEqualTo(Map.of("11", 2.0, "12", 4.0, "13", 1.0));
        assertThat(members("metrics:applied:{2026-03-10}")).containsExactlyInAnyOrder("101", "102", "103");

        assertThat(get("faturamento:2026-03-11")).isEqualTo("50.00");
        assertThat(get("pedidos_count:2026-03-11")).isEqualTo("1");
        assertThat(members("clientes_ativos:2026-03-11")).containsExactly("3");
        assertThat(get("vendas_por_regiao:SUL:2026-03-11")).isEqualTo("50.00");
        assertThat(get("vendas_por_regiao:NORDESTE:2026-03-11")).isNull();
        assertThat(scores("top_produtos:2026-03-11")).isEqualTo(Map.of("11", 1.0));
        assertThat(members("metrics:applied:{2026-03-11}")).containsExactlyInAnyOrder("104", "105");

        assertThat(scores("top_produtos")).isEqualTo(Map.of("11", 3.0, "12", 4.0, "13", 1.0));
        assertThat(members(MetricKeys.DAYS)).containsExactlyInAnyOrder(DAY_1.toString(), DAY_2.toString());
        assertThat(redis.key().ttl("metrics:applied:{2026-03-10}")).isBetween(8 * 86_400L - 60, 8 * 86_400L);
        assertThat(pending()).isZero();
    }

    @Test
    void countsRedeliveredEventOnce() {
        OrderEvent first = OrderFixtures.events().get(0);
        double duplicatesBefore = registry.counter("metrics.events.duplicate").count();
        OrderFixtures.publish(redis, List.of(first, first));
        consumer.poll("a", NO_BLOCK);
        OrderFixtures.publish(redis, List.of(first));
        consumer.poll("a", NO_BLOCK);

        assertThat(get("faturamento:2026-03-10")).isEqualTo("119.90");
        assertThat(get("pedidos_count:2026-03-10")).isEqualTo("1");
        assertThat(scores("top_produtos")).isEqualTo(Map.of("11", 2.0, "12", 1.0));
        assertThat(registry.counter("metrics.events.duplicate").count() - duplicatesBefore).isEqualTo(2.0);
    }

    @Test
    void appliesTheNewEventsOfABatchThatAlsoRedeliversAnAppliedOne() {
        // the summed-up call meets order 101 already applied, writes nothing, and the events go again one by one
        List<OrderEvent> events = OrderFixtures.events();
        OrderFixtures.publish(redis, List.of(events.get(0)));
        consumer.poll("a", NO_BLOCK);
        double appliedBefore = registry.counter("metrics.events.applied").count();
        double duplicatesBefore = registry.counter("metrics.events.duplicate").count();
        OrderFixtures.publish(redis, List.of(events.get(0), events.get(1)));

        assertThat(consumer.poll("a", NO_BLOCK)).isEqualTo(2);

        // 119.90 + 59.70, as when each was applied once
        assertThat(get("faturamento:2026-03-10")).isEqualTo("179.60");
        assertThat(get("pedidos_count:2026-03-10")).isEqualTo("2");
        assertThat(scores("top_produtos")).isEqualTo(Map.of("11", 2.0, "12", 4.0));
        assertThat(registry.counter("metrics.events.applied").count() - appliedBefore).isEqualTo(1.0);
        assertThat(registry.counter("metrics.events.duplicate").count() - duplicatesBefore).isEqualTo(1.0);
    }

    @Test
    void anotherConsumerReclaimsWhatADeadConsumerReadButNeverAcknowledged() {
        OrderFixtures.publish(redis, OrderFixtures.events());
        // consumer "dead" reads every entry and dies before applying or acknowledging any
        List<StreamMessage<String, String, String>> read = redis.stream(String.class).xreadgroup(MetricKeys.GROUP,
                "dead", OrderEvents.STREAM, ">", new XReadGroupArgs().count(100));
        assertThat(read).hasSize(5);
        assertThat(consumer.poll("alive", NO_BLOCK)).isZero();
        assertThat(pending()).isEqualTo(5);

        assertThat(consumer.reclaim("alive", Duration.ZERO)).isEqualTo(5);

        assertThat(get("faturamento:2026-03-10")).isEqualTo("179.95");
        assertThat(get("faturamento:2026-03-11")).isEqualTo("50.00");
        assertThat(scores("top_produtos")).isEqualTo(Map.of("11", 3.0, "12", 4.0, "13", 1.0));
        assertThat(pending()).isZero();
    }

    @Test
    void reclaimAfterAPartialApplyDoesNotCountTwice() {
        OrderFixtures.publish(redis, OrderFixtures.events());
        // the dead consumer applied its batch but died before XACK: the reclaim must skip every order
        consumer.poll("dead", NO_BLOCK);
        redis.stream(String.class).xadd(OrderEvents.STREAM, OrderEvents.toFields(OrderFixtures.events().get(1)));
        redis.stream(String.class).xreadgroup(MetricKeys.GROUP, "dead", OrderEvents.STREAM, ">",
                new XReadGroupArgs().count(100));

        assertThat(consumer.reclaim("alive", Duration.ZERO)).isEqualTo(1);

        assertThat(get("faturamento:2026-03-10")).isEqualTo("179.95");
        assertThat(get("pedidos_count:2026-03-10")).isEqualTo("3");
    }

    @Test
    void twoConsumersOnOneStreamGiveExactTotals() throws Exception {
        // 1,000 orders on 2026-03-10 of 10.05 each: order i buys (i % 3 + 1) of product 20 + i % 4 (quantity-weighted
        // 10.05 is one item line of 1 x 10.05 plus the others at zero cost, so revenue is exactly 1000 x 10.05)
        List<OrderEvent> events = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            events.add(OrderFixtures.order(1000 + i, i % 7, "2026-03-10T15:00:00Z", "delivered", "SP", "SUDESTE",
                    List.of(new Item(20 + i % 4, i % 3 + 1, new BigDecimal("0.00")),
                            new Item(30, 1, new BigDecimal("10.05")))));
        }
        OrderFixtures.publish(redis, events);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> consumers = List.of(() -> drain("a"), () -> drain("b"));
            int handled = 0;
            List<Integer> perConsumer = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(consumers)) {
                perConsumer.add(f.get());
                handled += f.get();
            }
            assertThat(handled).isEqualTo(1000);
            assertThat(perConsumer).allSatisfy(n -> assertThat(n).isPositive());
        } finally {
            pool.shutdownNow();
        }

        assertThat(get("faturamento:2026-03-10")).isEqualTo("10050.00");
        assertThat(get("pedidos_count:2026-03-10")).isEqualTo("1000");
        assertThat(get("vendas_por_regiao:SUDESTE:2026-03-10")).isEqualTo("10050.00");
        assertThat(redis.set(String.class).scard("clientes_ativos:2026-03-10")).isEqualTo(7);
        // product 20+k is bought by the 250 orders with i % 4 == k; quantities i % 3 + 1 over them:
        // k=0: i=0,4,...,996 -> i%3 cycles 0,1,2 from i=0: 84x1 + 83x2 + 83x3 = 499
        // k=1: i=1,5,...,997 -> starts at 1: 83x1 + 84x2 + 83x3 = 500
        // k=2: i=2,6,...,998 -> starts at 2: 83x1 + 83x2 + 84x3 = 501
        // k=3: i=3,7,...,999 -> starts at 0: 84x1 + 83x2 + 83x3 = 499
        assertThat(scores("top_produtos")).isEqualTo(Map.of("20", 499.0, "21", 500.0, "22", 501.0, "23", 499.0,
                "30", 1000.0));
        assertThat(pending()).isZero();
    }

    @Test
    void movesMalformedEntriesToTheDeadLetterStreamWithTheReason() {
        redis.stream(String.class).xadd(OrderEvents.STREAM, Map.of("v", "1", "order_id", "7", "payload", "{oops"));
        redis.stream(String.class).xadd(OrderEvents.STREAM, Map.of("v", "2", "order_id", "8"));
        OrderEvent badRevenue = OrderFixtures.order(9, 1, "2026-03-10T12:00:00Z", "delivered", "SP", "SUDESTE",
                List.of(new Item(11, 1, new BigDecimal("1.005"))));
        OrderEvent badRegion = OrderFixtures.order(10, 1, "2026-03-10T12:00:00Z", "delivered", "SP", "ATLANTIDA",
                List.of(new Item(11, 1, new BigDecimal("1.00"))));
        OrderFixtures.publish(redis, List.of(badRevenue, badRegion, OrderFixtures.events().get(0)));
        double before = registry.counter("metrics.events.dead_lettered").count();

        assertThat(consumer.poll("a", NO_BLOCK)).isEqualTo(5);

        List<StreamMessage<String, String, String>> dead = redis.stream(String.class)
                .xrange(OrderEvents.DEAD_LETTER_STREAM, StreamRange.of("-", "+"));
        assertThat(dead).hasSize(4);
        assertThat(dead).extracting(m -> m.payload().get("order_id")).containsExactly("7", "8", "9", "10");
        assertThat(dead.get(0).payload().get("reason")).startsWith("malformed: payload is not a valid order event");
        assertThat(dead.get(0).payload().get("payload")).isEqualTo("{oops");
        assertThat(dead.get(1).payload().get("reason")).isEqualTo("malformed: unsupported event version: 2");
        assertThat(dead.get(2).payload().get("reason"))
                .isEqualTo("malformed: revenue must have at most two decimal places: 1.005");
        assertThat(dead.get(3).payload().get("reason")).startsWith("malformed: unknown region: ATLANTIDA");
        assertThat(dead.get(3).payload()).containsKeys("source_id", "consumer");
        assertThat(registry.counter("metrics.events.dead_lettered").count() - before).isEqualTo(4.0);
        // the valid entry of the batch is applied, and nothing is left pending
        assertThat(get("faturamento:2026-03-10")).isEqualTo("119.90");
        assertThat(pending()).isZero();
    }

    @Test
    void deadLettersTheEventsRedisRefusesAndAppliesTheRestOfTheBatch() {
        // a key of the wrong type (planted by hand) makes the script call of that day fail, and only that one
        redis.list(String.class).rpush("pedidos_count:2026-03-11", "not a counter");
        OrderFixtures.publish(redis, OrderFixtures.events());

        assertThat(consumer.poll("a", NO_BLOCK)).isEqualTo(5);

        assertThat(get("faturamento:2026-03-10")).isEqualTo("179.95");
        List<StreamMessage<String, String, String>> dead = redis.stream(String.class)
                .xrange(OrderEvents.DEAD_LETTER_STREAM, StreamRange.of("-", "+"));
        assertThat(dead).extracting(m -> m.payload().get("order_id")).containsExactly("104", "105");
        assertThat(dead.get(0).payload().get("reason")).startsWith("refused by Redis: WRONGTYPE");
        assertThat(pending()).isZero();
    }

    @Test
    void reloadsTheScriptWhenRedisForgotIt() {
        OrderFixtures.publish(redis, List.of(OrderFixtures.events().get(0)));
        consumer.poll("a", NO_BLOCK);
        redis.execute("SCRIPT", "FLUSH");
        OrderFixtures.publish(redis, List.of(OrderFixtures.events().get(1)));

        assertThat(consumer.poll("a", NO_BLOCK)).isEqualTo(1);

        assertThat(get("faturamento:2026-03-10")).isEqualTo("179.60");
    }

    @Test
    void reportsTheLagOfTheGroup() {
        OrderFixtures.publish(redis, OrderFixtures.events());
        consumer.refreshLag();
        assertThat(consumer.lag()).isEqualTo(5);
        consumer.poll("a", NO_BLOCK);
        consumer.refreshLag();
        assertThat(consumer.lag()).isZero();
    }

    @Test
    void deletesConsumersLeftIdleWithNothingPendingAndKeepsThoseWithPendingEntries() {
        OrderFixtures.publish(redis, OrderFixtures.events());
        // "crashed" read two entries and died before acknowledging them; "gone" never read anything again
        redis.stream(String.class).xreadgroup(MetricKeys.GROUP, "crashed", OrderEvents.STREAM, ">",
                new XReadGroupArgs().count(2));
        redis.execute("XGROUP", "CREATECONSUMER", OrderEvents.STREAM, MetricKeys.GROUP, "gone");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> consumer.removeIdleConsumers(Duration.ofMillis(1)).contains("gone"));

        assertThat(consumerNames()).containsExactly("crashed");
        assertThat(pending()).isEqualTo(2);
        // once its entries are taken over, the dead consumer goes too
        consumer.reclaim("alive", Duration.ZERO);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> consumer.removeIdleConsumers(Duration.ofMillis(1)).contains("crashed"));
        // 101 and 102, read by "crashed", were applied by the reclaim
        assertThat(get("faturamento:2026-03-10")).isEqualTo("179.60");
    }

    @Test
    void eventsOfADayARebuildHoldsWaitForItAndThenCountOnce() throws Exception {
        // a rebuild holds 2026-03-10 (as between its SQL snapshot and its write); 2026-03-11 is free
        String hold = fences.acquire(List.of(DAY_1));
        OrderFixtures.publish(redis, OrderFixtures.events());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> polled = pool.submit(() -> consumer.poll("a", NO_BLOCK));

            // the calls of a batch go in one pipeline, the held day's first: once the free day is written, the held
            // day's call has been refused
            await().atMost(Duration.ofSeconds(30)).until(() -> "50.00".equals(get("faturamento:2026-03-11")));
            assertThat(get("faturamento:2026-03-10")).isNull();
            assertThat(polled).isNotDone();

            fences.release(List.of(DAY_1), hold);

            assertThat(polled.get(30, TimeUnit.SECONDS)).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(get("faturamento:2026-03-10")).isEqualTo("179.95");
        assertThat(get("pedidos_count:2026-03-10")).isEqualTo("3");
        assertThat(pending()).isZero();
    }

    private List<String> consumerNames() {
        List<String> names = new ArrayList<>();
        for (io.vertx.mutiny.redis.client.Response c : redis.execute("XINFO", "CONSUMERS", OrderEvents.STREAM,
                MetricKeys.GROUP)) {
            // a map under RESP3, a flat name/value array under RESP2
            names.add(c.getKeys() != null && !c.getKeys().isEmpty() ? c.get("name").toString() : c.get(1).toString());
        }
        return names;
    }

    private int drain(String name) {
        int handled = 0;
        int read;
        do {
            read = consumer.poll(name, NO_BLOCK);
            handled += read;
        } while (read > 0);
        return handled;
    }

    private long pending() {
        return redis.stream(String.class).xpending(OrderEvents.STREAM, MetricKeys.GROUP).getPendingCount();
    }

    private String get(String key) {
        return redis.value(String.class).get(key);
    }

    private Set<String> members(String key) {
        return redis.set(String.class).smembers(key);
    }

    private Map<String, Double> scores(String key) {
        Map<String, Double> scores = new HashMap<>();
        redis.sortedSet(String.class).zrangeWithScores(key, 0, -1).forEach(v -> scores.put(v.value(), v.score()));
        return scores;
    }
}
