package io.ecomanalytics.analytics.cache;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;

/**
 * Heavy answers in Redis, shared by every analytics replica. Optional by design: when Redis fails, calls are computed as if
 * nothing were cached (never a 5xx), the failure is logged once, and Redis is left alone for
 * {@code analytics.cache.retry-after} before it is tried again. Counts hits and misses per operation
 * ({@code analytics.cache.hits}, {@code analytics.cache.misses}) and the calls that found Redis unavailable
 * ({@code analytics.cache.unavailable}).
 */
@ApplicationScoped
public class AnswerCache {
    private static final Logger LOG = Logger.getLogger(AnswerCache.class);
    private static final String PREFIX = "analytics:answer:";

    private final ValueCommands<String, byte[]> values;
    private final CacheConfig config;
    private final MeterRegistry registry;
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile long retryAt;

    public AnswerCache(RedisDataSource redis, CacheConfig config, MeterRegistry registry) {
        this.values = redis.value(byte[].class);
        this.config = config;
        this.registry = registry;
    }

    /** The answer kept under {@code key}, if Redis has it and answers. */
    public Optional<byte[]> get(String key, String operation) {
        if (!usable(operation)) {
            return Optional.empty();
        }
        try {
            byte[] body = values.get(PREFIX + key);
            up();
            counter(body == null ? "analytics.cache.misses" : "analytics.cache.hits", operation).increment();
            return Optional.ofNullable(body);
        } catch (RuntimeException e) {
            failed(e, operation);
            return Optional.empty();
        }
    }

    /** Keeps an answer for {@code analytics.cache.ttl}, unless it is larger than {@code analytics.cache.max-entry-bytes}. */
    public void put(String key, byte[] body, String operation) {
        if (body.length > config.maxEntryBytes() || !usable(operation)) {
            return;
        }
        try {
            values.setex(PREFIX + key, Math.max(1, config.ttl().toSeconds()), body);
            up();
        } catch (RuntimeException e) {
            failed(e, operation);
        }
    }

    private boolean usable(String operation) {
        if (down.get() && System.nanoTime() - retryAt < 0) {
            counter("analytics.cache.unavailable", operation).increment();
            return false;
        }
        return true;
    }

    private void up() {
        if (down.compareAndSet(true, false)) {
            LOG.info("Redis answers again: heavy analytics answers are cached again");
        }
    }

    private void failed(RuntimeException e, String operation) {
        retryAt = System.nanoTime() + config.retryAfter().toNanos();
        counter("analytics.cache.unavailable", operation).increment();
        if (down.compareAndSet(false, true)) {
            LOG.warnf("Redis failed (%s): analytics answers are computed without the cache, trying Redis again in %s",
                    e.getMessage(), config.retryAfter());
        }
    }

    private Counter counter(String name, String operation) {
        return Counter.builder(name).tag("operation", operation).register(registry);
    }
}
