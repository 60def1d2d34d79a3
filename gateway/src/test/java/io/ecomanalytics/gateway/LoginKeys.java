package io.ecomanalytics.gateway;

import io.quarkus.redis.datasource.RedisDataSource;

/** Test helper: forgets failed-login counts, so one test's wrong passwords do not slow the next test's logins. */
public final class LoginKeys {
    private LoginKeys() {
    }

    public static void clear(RedisDataSource redis) {
        var keys = redis.key().keys("login:*");
        if (!keys.isEmpty()) {
            redis.key().del(keys.toArray(String[]::new));
        }
    }
}
