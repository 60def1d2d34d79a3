package io.ecomanalytics.metrics.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.ecomanalytics.contracts.geo.Region;

/**
 * The Redis keys of the metrics (names of the original design, see ARCHITECTURE.md) and the one rule deciding which orders they
 * count. Live application and rebuild both go through this class, so they cannot disagree.
 */
public final class MetricKeys {
    /** The consumer group of metrics-service, on the order-event stream and on the rebuild-request stream. */
    public static final String GROUP = "metrics";

    /**
     * Statuses of orders that never became a sale (commerce.orders vocabulary): they are recorded as applied but add nothing.
     * Every other status counts, from {@code created} on, so a day's figures are final when its orders are placed.
     */
    public static final Set<String> NOT_COUNTED_STATUSES = Set.of("canceled", "unavailable");

    /**
     * Days that hold per-day product quantities: {@code top_produtos} is the union of their {@link #topProducts(LocalDate)}.
     */
    public static final String DAYS = "metrics:days";
    public static final String TOP_PRODUCTS = "top_produtos";

    /**
     * Written when metrics-service finds Redis without it (at start, and after Redis lost its data) and heals the metrics: its
     * absence is how a Redis restarted empty is noticed ({@link RedisLossHealer}).
     */
    public static final String GENERATION = "metrics:generation";

    private MetricKeys() {
    }

    public static boolean counts(String status) {
        return status != null && !NOT_COUNTED_STATUSES.contains(status);
    }

    /** Revenue of the day, a decimal string with two places. */
    public static String revenue(LocalDate day) {
        return "faturamento:" + day;
    }

    public static String orders(LocalDate day) {
        return "pedidos_count:" + day;
    }

    public static String activeCustomers(LocalDate day) {
        return "clientes_ativos:" + day;
    }

    /** Quantity sold per product on one day; {@link #TOP_PRODUCTS} is their union over every day. */
    public static String topProducts(LocalDate day) {
        return TOP_PRODUCTS + ":" + day;
    }

    /** Revenue of one region on one day, a decimal string with two places. */
    public static String regionRevenue(Region region, LocalDate day) {
        return "vendas_por_regiao:" + region.name() + ":" + day;
    }

    /** Ids of the orders of this day already applied, for de-duplication; expires after {@code metrics.applied-ttl}. */
    public static String applied(LocalDate day) {
        return "metrics:applied:{" + day + "}";
    }

    /**
     * Stands while a rebuild replaces the day: the apply script leaves the day alone meanwhile (its events wait), so no event
     * is applied between the rebuild's SQL snapshot and its write ({@link DayFences}).
     */
    public static String rebuilding(LocalDate day) {
        return "metrics:rebuilding:{" + day + "}";
    }

    /** Every key holding the metrics of one day (not the applied ids). */
    public static List<String> dayKeys(LocalDate day) {
        List<String> keys = new ArrayList<>(List.of(revenue(day), orders(day), activeCustomers(day),
                topProducts(day)));
        for (Region region : Region.values()) {
            keys.add(regionRevenue(region, day));
        }
        return keys;
    }
}
