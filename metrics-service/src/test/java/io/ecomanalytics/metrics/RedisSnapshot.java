package io.ecomanalytics.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.keys.RedisValueType;
import io.quarkus.redis.datasource.sortedset.ScoredValue;

/** Every metric key of the test database with its value, by type, to compare two Redis states key by key. */
public final class RedisSnapshot {
    private RedisSnapshot() {
    }

    /** Keys of the streams (not metric state) are left out. */
    public static Map<String, Object> take(RedisDataSource redis) {
        Map<String, Object> snapshot = new TreeMap<>();
        for (String key : redis.key().scan(new KeyScanArgs().count(1000)).toIterable()) {
            RedisValueType type = redis.key().type(key);
            switch (type) {
                case STRING -> snapshot.put(key, redis.value(String.class).get(key));
                case SET -> snapshot.put(key, redis.set(String.class).smembers(key));
                case ZSET -> {
                    Map<String, Double> scores = new HashMap<>();
                    for (ScoredValue<String> v : redis.sortedSet(String.class).zrangeWithScores(key, 0, -1)) {
                        scores.put(v.value(), v.score());
                    }
                    snapshot.put(key, scores);
                }
                case HASH -> snapshot.put(key, redis.hash(String.class).hgetall(key));
                default -> {
                    // streams are the input and output of consumers, not metric state
                }
            }
        }
        return snapshot;
    }
}
