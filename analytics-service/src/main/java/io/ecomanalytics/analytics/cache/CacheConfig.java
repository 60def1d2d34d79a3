package io.ecomanalytics.analytics.cache;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How analytics answers are cached ({@code analytics.cache.*}): revalidated by browsers against their {@code ETag}, and the
 * heavy ones ({@link CachedAnswer}) kept in Redis for every replica. Both are keyed by the data version, so a change of the
 * data is seen by the next call whatever the settings.
 */
@ConfigMapping(prefix = "analytics.cache")
public interface CacheConfig {
    /**
     * The {@code max-age} of {@code Cache-Control: private, max-age=N} on every answer: how long a browser may reuse one
     * without asking. 0 (the default) makes it ask every time: an unchanged answer is then a 304 that costs one lookup of the
     * data version. Longer ages save that round trip at the price of answers up to that old. Env
     * {@code ANALYTICS_CACHE_MAX_AGE}.
     */
    @WithDefault("0s")
    Duration maxAge();

    /** Whether heavy answers are kept in Redis at all. Env {@code ANALYTICS_CACHE_ENABLED}. */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long a heavy answer stays in Redis. A new data version makes it unreachable at once; the TTL only frees the memory of
     * answers nobody asks again. Env {@code ANALYTICS_CACHE_TTL}.
     */
    @WithDefault("1h")
    Duration ttl();

    /**
     * The largest answer kept in Redis, in bytes; larger ones are computed every time. Env
     * {@code ANALYTICS_CACHE_MAX_ENTRY_BYTES}.
     */
    @WithDefault("4194304")
    int maxEntryBytes();

    /**
     * After Redis failed, how long the cache leaves it alone (calls are computed) before trying it again: a Redis that is down
     * or hung costs at most one slow call per period. Env {@code ANALYTICS_CACHE_RETRY_AFTER}.
     */
    @WithDefault("10s")
    Duration retryAfter();

    /**
     * The dashboard's opening view of the heavy analyses, computed ahead after every change of the data ({@link OpeningView}).
     */
    OpeningViewConfig openingView();

    interface OpeningViewConfig {
        /**
         * Whether the opening view is computed ahead at all (it costs one computation of each of its calls per change of the
         * data, on one replica). Env {@code ANALYTICS_CACHE_OPENING_VIEW_ENABLED}.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * How often the data version is checked (a one-row read). Env {@code ANALYTICS_CACHE_OPENING_VIEW_CHECK_EVERY}; read by
         * the scheduler, in the Quarkus duration syntax ({@code 5s}).
         */
        @WithDefault("5s")
        String checkEvery();
    }
}
