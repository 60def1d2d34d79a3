package io.ecomanalytics.metrics.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ecomanalytics.contracts.geo.Region;
import io.ecomanalytics.metrics.config.MetricsConfig;
import io.quarkus.runtime.Startup;

/**
 * The Redis keys of the metrics and the one rule deciding which orders they count. Live application, rebuild, reconcile and
 * reads all go through this class, so they cannot disagree.
 * <p>
 * Two layouts ({@code metrics.key-hash-tags}, docs/redis.md). Without hash tags (the default) the keys keep the names of the
 * original design byte for byte ({@code faturamento:2026-12-07}) and one script call writes a day's keys and the all-time
 * {@value #TOP_PRODUCTS} together: that needs one Redis node. With hash tags every key of a day carries the day as its tag
 * ({@code faturamento:{2026-12-07}}), so a Redis Cluster keeps one day's keys in one slot and a script may write them all; the
 * all-time keys share the tag {@code {top_produtos}} (the slot of {@value #TOP_PRODUCTS} itself, whose name stays) and are
 * written in a step of their own ({@link EventApplier}).
 */
@Startup
@ApplicationScoped
public class MetricKeys {
    /** The consumer group of metrics-service, on the order-event stream and on the rebuild-request stream. */
    public static final String GROUP = "metrics";

    /**
     * Statuses of orders that never became a sale (commerce.orders vocabulary): they are recorded as applied but add nothing.
     * Every other status counts, from {@code created} on, so a day's figures are final when its orders are placed.
     */
    public static final Set<String> NOT_COUNTED_STATUSES = Set.of("canceled", "unavailable");

    /** All-time quantity sold per product. Its name is the same in both layouts. */
    public static final String TOP_PRODUCTS = "top_produtos";

    /**
     * Without hash tags: the days that hold per-day product quantities, {@value #TOP_PRODUCTS} being the union of their
     * {@link #topProducts(LocalDate)}. With hash tags each day's share of the all-time key is kept next to it instead
     * ({@link #topProductsShare(LocalDate)}).
     */
    public static final String DAYS = "metrics:days";

    /**
     * Written when metrics-service finds Redis without it (at start, and after Redis lost its data) and heals the metrics: its
     * absence is how a Redis restarted empty is noticed ({@link RedisLossHealer}).
     */
    public static final String GENERATION = "metrics:generation";

    /** The value of {@code quarkus.redis.client-type} that names a Redis Cluster. */
    public static final String CLUSTER = "cluster";

    /** The hash tag of the all-time keys: {@value #TOP_PRODUCTS} hashes to the same slot as any key carrying it. */
    private static final String ALL_TIME_TAG = "{" + TOP_PRODUCTS + "}";

    private final boolean hashTags;

    /**
     * The layout of {@code metrics.key-hash-tags}; refuses to start on a Redis Cluster without hash tags, where every apply
     * would be refused with CROSSSLOT.
     */
    @Inject
    public MetricKeys(MetricsConfig config,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType) {
        this(config.keyHashTags());
        requireHashTagsOnACluster(hashTags, clientType);
    }

    /** The keys of one layout (tests compare both). */
    public MetricKeys(boolean hashTags) {
        this.hashTags = hashTags;
    }

    static void requireHashTagsOnACluster(boolean hashTags, String clientType) {
        if (CLUSTER.equalsIgnoreCase(clientType) && !hashTags) {
            throw new IllegalStateException("a Redis Cluster (quarkus.redis.client-type=cluster, REDIS_CLIENT_TYPE) needs "
                    + "hash-tagged metric keys: set METRICS_KEY_HASH_TAGS=true (docs/redis.md)");
        }
    }

    public static boolean counts(String status) {
        return status != null && !NOT_COUNTED_STATUSES.contains(status);
    }

    /**
     * Whether the keys carry hash tags: a day's keys then share a slot, and the all-time keys are written in a step of their
     * own.
     */
    public boolean hashTags() {
        return hashTags;
    }

    /** Revenue of the day, a decimal string with two places. */
    public String revenue(LocalDate day) {
        return "faturamento:" + dayPart(day);
    }

    public String orders(LocalDate day) {
        return "pedidos_count:" + dayPart(day);
    }

    public String activeCustomers(LocalDate day) {
        return "clientes_ativos:" + dayPart(day);
    }

    /** Quantity sold per product on one day; {@link #TOP_PRODUCTS} is their sum over every day. */
    public String topProducts(LocalDate day) {
        return TOP_PRODUCTS + ":" + dayPart(day);
    }

    /** Revenue of one region on one day, a decimal string with two places. */
    public String regionRevenue(Region region, LocalDate day) {
        return "vendas_por_regiao:" + region.name() + ":" + dayPart(day);
    }

    /**
     * Ids of the orders of this day already applied to the day's keys, for de-duplication; expires after
     * {@code metrics.applied-ttl}. Tagged with the day in both layouts (so it always shares the day's slot).
     */
    public String applied(LocalDate day) {
        return "metrics:applied:{" + day + "}";
    }

    /**
     * Stands while a rebuild replaces the day: the apply script leaves the day alone meanwhile (its events wait), so no event
     * is applied between the rebuild's SQL snapshot and its write ({@link DayFences}). Tagged with the day in both layouts.
     */
    public String rebuilding(LocalDate day) {
        return "metrics:rebuilding:{" + day + "}";
    }

    /**
     * With hash tags only: the day's share of {@value #TOP_PRODUCTS} (a sorted set in the all-time slot), what a rebuild of the
     * day takes back out of the all-time key before it adds the rebuilt quantities.
     */
    public String topProductsShare(LocalDate day) {
        return "metrics:top-share:" + ALL_TIME_TAG + ":" + day;
    }

    /**
     * With hash tags only: ids of the orders of this day already added to {@value #TOP_PRODUCTS}, the de-duplication of the
     * all-time step (it runs after the day's own step, so a replay after a crash between the two counts each order once in
     * both). Expires like {@link #applied(LocalDate)}.
     */
    public String topProductsApplied(LocalDate day) {
        return "metrics:top-applied:" + ALL_TIME_TAG + ":" + day;
    }

    /** Every key holding the metrics of one day (not the applied ids, not the all-time keys). */
    public List<String> dayKeys(LocalDate day) {
        List<String> keys = new ArrayList<>(List.of(revenue(day), orders(day), activeCustomers(day),
                topProducts(day)));
        for (Region region : Region.values()) {
            keys.add(regionRevenue(region, day));
        }
        return keys;
    }

    private String dayPart(LocalDate day) {
        return hashTags ? "{" + day + "}" : day.toString();
    }
}
