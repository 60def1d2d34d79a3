package io.ecomanalytics.gateway;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * Test helper: the tests' database is emptied at every start (Flyway clean), so user ids are handed out again; revocations in
 * Redis left by an earlier run would name those ids. They are deleted before the gateway first copies them.
 */
public class FreshRevocations {
    void clear(@Observes @Priority(1) StartupEvent start, RedisDataSource redis) {
        var keys = redis.key().keys("revocation:*");
        if (!keys.isEmpty()) {
            redis.key().del(keys.toArray(String[]::new));
        }
    }
}
