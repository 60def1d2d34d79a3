package io.ecomanalytics.metrics.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.contracts.config.StoreSettings;
import io.ecomanalytics.contracts.geo.Region;
import io.ecomanalytics.metrics.config.MetricsConfig;
import io.ecomanalytics.metrics.model.DailyMetrics;
import io.ecomanalytics.metrics.model.ProductQuantity;
import io.ecomanalytics.metrics.model.RegionRevenue;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoredValue;
import io.quarkus.redis.datasource.sortedset.SortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.quarkus.redis.datasource.value.ValueCommands;

/** Reads the metric keys back as API records. */
@ApplicationScoped
public class MetricsReader {
    private final RedisDataSource redis;
    private final ValueCommands<String, String> values;
    private final SortedSetCommands<String, String> sortedSets;
    private final StoreSettings store;
    private final MetricsConfig config;
    private final MetricKeys keys;

    public MetricsReader(RedisDataSource redis, StoreSettings store, MetricsConfig config, MetricKeys keys) {
        this.redis = redis;
        this.values = redis.value(String.class, String.class);
        this.sortedSets = redis.sortedSet(String.class, String.class);
        this.store = store;
        this.config = config;
        this.keys = keys;
    }

    public LocalDate today() {
        return LocalDate.now(store.zone());
    }

    public DailyMetrics daily(LocalDate day) {
        BigDecimal revenue = money(values.get(keys.revenue(day)));
        String ordersValue = values.get(keys.orders(day));
        long orders = ordersValue == null ? 0 : Long.parseLong(ordersValue);
        BigDecimal averageTicket = orders == 0
                ? null
                : revenue.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_EVEN);
        List<ProductQuantity> top = top(keys.topProducts(day), 1);
        return new DailyMetrics(day, revenue, orders, activeCustomers(day), averageTicket,
                top.isEmpty() ? null : top.get(0));
    }

    public List<DailyMetrics> daily(LocalDate from, LocalDate to) {
        List<DailyMetrics> series = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            series.add(daily(day));
        }
        return series;
    }

    /** All-time best sellers by quantity, highest first. */
    public List<ProductQuantity> topProducts(int limit) {
        return top(MetricKeys.TOP_PRODUCTS, limit);
    }

    public List<RegionRevenue> regions(LocalDate day) {
        List<RegionRevenue> regions = new ArrayList<>();
        for (Region region : Region.values()) {
            regions.add(new RegionRevenue(region.name(), region.displayName(),
                    money(values.get(keys.regionRevenue(region, day)))));
        }
        return regions;
    }

    private long activeCustomers(LocalDate day) {
        String key = keys.activeCustomers(day);
        return config.activeCustomers() == MetricsConfig.ActiveCustomers.HYPERLOGLOG
                ? redis.hyperloglog(String.class).pfcount(key)
                : redis.set(String.class).scard(key);
    }

    /** Highest quantities first; equal quantities in descending member (product id as text) order, as ZRANGE REV gives. */
    private List<ProductQuantity> top(String key, int limit) {
        List<ProductQuantity> top = new ArrayList<>();
        for (ScoredValue<String> entry : sortedSets.zrangeWithScores(key, 0, limit - 1L, new ZRangeArgs().rev())) {
            top.add(new ProductQuantity(Long.parseLong(entry.value()), (long) entry.score()));
        }
        return top;
    }

    static BigDecimal money(String value) {
        return value == null ? new BigDecimal("0.00") : new BigDecimal(value);
    }
}
