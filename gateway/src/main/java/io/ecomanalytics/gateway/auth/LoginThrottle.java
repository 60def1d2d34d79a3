package io.ecomanalytics.gateway.auth;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;

/**
 * Slows and then blocks repeated failed logins, counted in Redis per user name and per client address so every gateway replica
 * sees the same counts. After {@code slow-after} failures within the window each attempt must wait {@code slow-delay}; after
 * {@code block-after} failures logins are refused for {@code block-for}. An address has thresholds {@code address-factor} times
 * higher, as many users may share one. Without Redis, logins are not throttled (and it is logged).
 */
@ApplicationScoped
public class LoginThrottle {
    private final GatewayConfig.Login config;
    private final ValueCommands<String, Long> values;
    private final KeyCommands<String> keys;

    public LoginThrottle(GatewayConfig config, RedisDataSource redis) {
        this.config = config.login();
        this.values = redis.value(Long.class);
        this.keys = redis.key();
    }

    /** Refuses with 429 (and the seconds to wait) when this user name or address must wait. */
    public void check(String username, String address) {
        try {
            for (Counter counter : counters(username, address)) {
                Long failures = values.get(counter.failures());
                if (failures != null && failures >= counter.blockAfter()) {
                    throw new Throttled("too many failed logins; blocked for a while", seconds(counter.failures()));
                }
                if (keys.exists(counter.slow())) {
                    throw new Throttled("too many failed logins; wait before trying again", seconds(counter.slow()));
                }
            }
        } catch (Throttled e) {
            throw e;
        } catch (RuntimeException e) {
            // Redis down: logins go on unthrottled rather than nobody being able to log in
            Log.warnf("login throttling skipped, Redis unavailable: %s", e.toString());
        }
    }

    /** Counts a failed login for the user name and the address. */
    public void failed(String username, String address) {
        try {
            for (Counter counter : counters(username, address)) {
                long failures = values.incr(counter.failures());
                if (failures >= counter.blockAfter()) {
                    keys.expire(counter.failures(), config.blockFor());
                } else {
                    if (failures == 1) {
                        keys.expire(counter.failures(), config.window());
                    }
                    if (failures >= counter.slowAfter()) {
                        values.set(counter.slow(), failures, new SetArgs().px(config.slowDelay()));
                    }
                }
            }
        } catch (RuntimeException e) {
            Log.warnf("login failure not counted, Redis unavailable: %s", e.toString());
        }
    }

    /** A successful login clears the user name's count (not the address's: one success does not vouch for the others). */
    public void succeeded(String username) {
        try {
            Counter user = counters(username, null).get(0);
            keys.del(user.failures(), user.slow());
        } catch (RuntimeException e) {
            Log.warnf("login failures not cleared, Redis unavailable: %s", e.toString());
        }
    }

    private long seconds(String key) {
        long millis = keys.pttl(key);
        return Math.max(1, (millis + 999) / 1000);
    }

    private List<Counter> counters(String username, String address) {
        Counter user = new Counter("login:user:" + username.toLowerCase(Locale.ROOT), config.slowAfter(),
                config.blockAfter());
        if (address == null) {
            return List.of(user);
        }
        return List.of(user, new Counter("login:address:" + address, config.slowAfter() * config.addressFactor(),
                config.blockAfter() * config.addressFactor()));
    }

    private record Counter(String prefix, int slowAfter, int blockAfter) {
        String failures() {
            return prefix + ":failures";
        }

        String slow() {
            return prefix + ":slow";
        }
    }

    /** A login refused because of earlier failures, with the seconds to wait. */
    public static class Throttled extends ApiException {
        private final long retryAfterSeconds;

        Throttled(String detail, long retryAfterSeconds) {
            super(429, null, detail);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

}
