package io.ecomanalytics.metrics.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.contracts.config.StoreSettings;
import io.ecomanalytics.contracts.geo.Region;
import io.ecomanalytics.metrics.config.MetricsConfig;
import io.ecomanalytics.metrics.model.DayAggregate;
import io.ecomanalytics.metrics.model.ReconcileReport;
import io.ecomanalytics.metrics.model.ReconcileReport.Difference;
import io.ecomanalytics.metrics.repository.OrderAggregateRepository;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoredValue;
import io.quarkus.redis.datasource.value.ValueCommands;

/**
 * Compares the metric keys of one day with what PostgreSQL says they should hold (the aggregate a rebuild would write) and
 * lists every difference. With HyperLogLog active customers the count is an estimate, so a small difference there is expected.
 */
@ApplicationScoped
public class ReconcileService {
    private final OrderAggregateRepository repository;
    private final RedisDataSource redis;
    private final ValueCommands<String, String> values;
    private final StoreSettings store;
    private final MetricsConfig config;
    private final MetricKeys keys;

    public ReconcileService(OrderAggregateRepository repository, RedisDataSource redis, StoreSettings store,
            MetricsConfig config, MetricKeys keys) {
        this.repository = repository;
        this.redis = redis;
        this.values = redis.value(String.class, String.class);
        this.store = store;
        this.config = config;
        this.keys = keys;
    }

    public ReconcileReport reconcile(LocalDate day) {
        DayAggregate expected = repository.aggregate(day, day, store.zone()).getOrDefault(day,
                new DayAggregate(day, null, 0, Set.of(), Set.of(), Map.of(), Map.of()));
        List<Difference> differences = new ArrayList<>();
        compareMoney(differences, keys.revenue(day), null, expected.revenue());
        compare(differences, keys.orders(day), null, orZero(values.get(keys.orders(day))),
                Long.toString(expected.orders()));
        compareCustomers(differences, day, expected.customers());
        for (Region region : Region.values()) {
            compareMoney(differences, keys.regionRevenue(region, day), null,
                    expected.regionRevenue().get(region));
        }
        compareProducts(differences, day, expected.productQuantities());
        return new ReconcileReport(day, differences.isEmpty(), differences);
    }

    private void compareMoney(List<Difference> differences, String key, String member, BigDecimal expected) {
        BigDecimal actual = MetricsReader.money(values.get(key));
        BigDecimal wanted = expected == null ? BigDecimal.ZERO : expected;
        if (actual.compareTo(wanted) != 0) {
            differences.add(new Difference(key, member, actual.toPlainString(),
                    RebuildService.decimal(wanted)));
        }
    }

    private void compareCustomers(List<Difference> differences, LocalDate day, Set<String> expected) {
        String key = keys.activeCustomers(day);
        if (config.activeCustomers() == MetricsConfig.ActiveCustomers.HYPERLOGLOG) {
            compare(differences, key, null, Long.toString(redis.hyperloglog(String.class).pfcount(key)),
                    Integer.toString(expected.size()));
            return;
        }
        Set<String> actual = redis.set(String.class).smembers(key);
        Set<String> all = new TreeSet<>(actual);
        all.addAll(expected);
        for (String customer : all) {
            compare(differences, key, customer, actual.contains(customer) ? "member" : "absent",
                    expected.contains(customer) ? "member" : "absent");
        }
    }

    private void compareProducts(List<Difference> differences, LocalDate day, Map<String, Long> expected) {
        String key = keys.topProducts(day);
        Map<String, String> actual = new HashMap<>();
        for (ScoredValue<String> entry : redis.sortedSet(String.class).zrangeWithScores(key, 0, -1)) {
            actual.put(entry.value(), Long.toString((long) entry.score()));
        }
        Set<String> products = new TreeSet<>(actual.keySet());
        products.addAll(expected.keySet());
        for (String product : products) {
            Long quantity = expected.get(product);
            compare(differences, key, product, actual.getOrDefault(product, "0"),
                    quantity == null ? "0" : quantity.toString());
        }
    }

    private static void compare(List<Difference> differences, String key, String member, String actual,
            String expected) {
        if (!Objects.equals(actual, expected)) {
            differences.add(new Difference(key, member, actual, expected));
        }
    }

    private static String orZero(String value) {
        return value == null ? "0" : value;
    }
}
