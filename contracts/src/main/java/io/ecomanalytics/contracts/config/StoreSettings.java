package io.ecomanalytics.contracts.config;

import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;

/**
 * The store itself: {@code STORE_ZONE} (default {@code America/Sao_Paulo}) is the zone in which days, weeks and months are
 * counted everywhere (analytics buckets, Redis day keys, imports of zone-less timestamps).
 */
@ConfigMapping(prefix = "store")
public interface StoreSettings {
    ZoneId zone();
}
