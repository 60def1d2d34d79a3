package io.ecomanalytics.metrics.service;

import static io.ecomanalytics.metrics.OrderFixtures.DAY_1;
import static io.ecomanalytics.metrics.OrderFixtures.DAY_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.events.OrderEvent;
import io.ecomanalytics.contracts.events.OrderEvent.Item;
import io.ecomanalytics.contracts.events.OrderEvents;
import io.ecomanalytics.contracts.events.RebuildRequests;
import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.metrics.OrderFixtures;
import io.ecomanalytics.metrics.RedisSnapshot;
import io.ecomanalytics.metrics.model.RebuildResult;
import io.ecomanalytics.metrics.model.ReconcileReport;
import io.ecomanalytics.metrics.model.ReconcileReport.Difference;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RebuildServiceTest {
    private static final Duration NO_BLOCK = Duration.ofMillis(10);

    @Inject
    RedisDataSource redis;
    @Inject
    DataSource dataSource;
    @Inject
    OrderEventConsumer consumer;
    @Inject
    RebuildService rebuilds;
    @Inject
    ReconcileService reconciler;
    @Inject
    RebuildRequestConsumer rebuildRequests;

    @BeforeEach
    void clean() throws Exception {
        OrderFixtures.cleanRedis(redis);
        consumer.ensureGroup();
        OrderFixtures.insertIntoPostgres(dataSource, OrderFixtures.events());
    }

    @Test
    void rebuildLeavesExactlyTheKeysLiveEventsLeave() {
        Map<String, Object> live = applyLive(OrderFixtures.events());

        OrderFixtures.cleanRedis(redis);
        RebuildResult result = rebuilds.rebuild(DAY_1, DAY_2);

        assertThat(result.days()).isEqualTo(2);
        assertThat(result.daysWithOrders()).isEqualTo(2);
        assertThat(result.orders()).isEqualTo(4);
        Map<String, Object> rebuilt = RedisSnapshot.take(redis);
        assertThat(rebuilt.keySet()).containsExactlyInAnyOrderElementsOf(live.keySet());
        live.forEach((key, value) -> assertThat(rebuilt.get(key)).as(key).isEqualTo(value));
        assertThat(rebuilt).containsEntry("faturamento:2026-03-10", "179.95")
                .containsEntry("top_produtos", Map.of("11", 3.0, "12", 4.0, "13", 1.0));
    }

    @Test
    void rebuildOfSomeDaysKeepsTheAllTimeTopProductsOfTheOthers() {
        // live history on DAY_1 and DAY_2, then DAY_2 rebuilt alone after one more order was loaded in PostgreSQL only
        applyLive(OrderFixtures.events());
        List<OrderEvent> withLoaded = new ArrayList<>(OrderFixtures.events());
        withLoaded.add(OrderFixtures.order(106, 4, "2026-03-11T18:00:00Z", "invoiced", "AM", "NORTE",
                List.of(new Item(12, 6, new BigDecimal("2.50")))));
        insert(withLoaded);

        rebuilds.rebuild(DAY_2, DAY_2);

        Map<String, Object> state = RedisSnapshot.take(redis);
        assertThat(state).containsEntry("faturamento:2026-03-10", "179.95")
                .containsEntry("faturamento:2026-03-11", "65.00")
                .containsEntry("pedidos_count:2026-03-11", "2")
                .containsEntry("vendas_por_regiao:NORTE:2026-03-11", "15.00")
                .containsEntry("top_produtos:2026-03-11", Map.of("11", 1.0, "12", 6.0))
                .containsEntry("top_produtos", Map.of("11", 3.0, "12", 10.0, "13", 1.0));
    }

    @Test
    void rebuildIsIdempotentAndALateRedeliveryIsNotCountedAgain() {
        rebuilds.rebuild(DAY_1, DAY_2);
        Map<String, Object> once = RedisSnapshot.take(redis);
        rebuilds.rebuild(DAY_1, DAY_2);
        assertThat(RedisSnapshot.take(redis)).isEqualTo(once);

        OrderFixtures.publish(redis, OrderFixtures.events());
        assertThat(consumer.poll("late", NO_BLOCK)).isEqualTo(5);

        assertThat(RedisSnapshot.take(redis)).isEqualTo(once);
    }

    @Test
    void rebuildOfADayWithoutOrdersDeletesItsKeys() {
        applyLive(OrderFixtures.events());
        insert(OrderFixtures.events().subList(0, 3));

        rebuilds.rebuild(DAY_2, DAY_2);

        assertThat(redis.key().exists("faturamento:2026-03-11", "pedidos_count:2026-03-11",
                "top_produtos:2026-03-11", "metrics:applied:{2026-03-11}")).isZero();
        assertThat(RedisSnapshot.take(redis)).containsEntry("top_produtos", Map.of("11", 2.0, "12", 4.0, "13", 1.0))
                .containsEntry(MetricKeys.DAYS, Set.of("2026-03-10"));
    }

    @Test
    void refusesARangeEndingBeforeItStarts() {
        assertThatThrownBy(() -> rebuilds.rebuild(DAY_2, DAY_1)).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).field()).isEqualTo("to");
    }

    @Test
    void reconcileFindsNothingAfterLiveEventsAndReportsAPlantedDifference() {
        applyLive(OrderFixtures.events());
        assertThat(reconciler.reconcile(DAY_1).consistent()).isTrue();
        assertThat(reconciler.reconcile(DAY_2).differences()).isEmpty();

        redis.value(String.class).set("faturamento:2026-03-10", "180.95");
        redis.sortedSet(String.class).zincrby("top_produtos:2026-03-10", 1, "12");
        redis.set(String.class).srem("clientes_ativos:2026-03-10", "2");

        ReconcileReport report = reconciler.reconcile(DAY_1);

        assertThat(report.consistent()).isFalse();
        assertThat(report.differences()).containsExactlyInAnyOrder(
                new Difference("faturamento:2026-03-10", null, "180.95", "179.95"),
                new Difference("clientes_ativos:2026-03-10", "2", "absent", "member"),
                new Difference("top_produtos:2026-03-10", "12", "5", "4"));
    }

    @Test
    void handlesARebuildRequestFromTheStreamAndWritesTheOutcome() {
        rebuildRequests.ensureGroup();
        redis.stream(String.class).xadd(RebuildRequests.STREAM, Map.of(RebuildRequests.FIELD_RUN_ID, "run-1",
                RebuildRequests.FIELD_FROM, "2026-03-10", RebuildRequests.FIELD_TO, "2026-03-11"));
        redis.stream(String.class).xadd(RebuildRequests.STREAM, Map.of(RebuildRequests.FIELD_RUN_ID, "run-2",
                RebuildRequests.FIELD_FROM, "10/03/2026", RebuildRequests.FIELD_TO, "2026-03-11"));

        assertThat(rebuildRequests.poll("r", NO_BLOCK)).isEqualTo(1);
        assertThat(rebuildRequests.poll("r", NO_BLOCK)).isEqualTo(1);

        Map<String, String> done = redis.hash(String.class).hgetall(RebuildRequests.resultKey("run-1"));
        assertThat(done).containsEntry("status", "done").containsKey("at");
        assertThat(Instant.parse(done.get("at"))).isBefore(Instant.now().plusSeconds(1));
        assertThat(redis.value(String.class).get("faturamento:2026-03-10")).isEqualTo("179.95");
        Map<String, String> failed = redis.hash(String.class).hgetall(RebuildRequests.resultKey("run-2"));
        assertThat(failed).containsEntry("status", "failed");
        assertThat(failed.get("error")).contains("10/03/2026");
        assertThat(redis.stream(String.class).xpending(RebuildRequests.STREAM, MetricKeys.GROUP).getPendingCount())
                .isZero();
    }

    private Map<String, Object> applyLive(List<OrderEvent> events) {
        OrderFixtures.publish(redis, events);
        consumer.poll("live", NO_BLOCK);
        Map<String, Object> snapshot = RedisSnapshot.take(redis);
        // the stream's group state is no metric; drop the streams so the next state starts from the same point
        redis.key().del(OrderEvents.STREAM);
        consumer.ensureGroup();
        return snapshot;
    }

    private void insert(List<OrderEvent> events) {
        try {
            OrderFixtures.insertIntoPostgres(dataSource, events);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
