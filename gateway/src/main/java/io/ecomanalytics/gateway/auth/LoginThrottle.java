package io.ecomanalytics.gateway.auth;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.contracts.redis.RedisScript;
import io.ecomanalytics.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;

/**
 * Throttles failed logins in Redis, so every gateway replica sees the same counts. One script ({@code auth/login-throttle.lua})
 * checks and records each attempt atomically before the password is verified; a success takes the record back. Counted per
 * (account, address) pair with growing delays, per account across addresses (only slowed, with a short cap, and not for an
 * address the account has logged in from before) and per address across accounts (a higher threshold: one address serves many
 * users). Without Redis, logins are refused (503): they are never left unlimited.
 */
@ApplicationScoped
public class LoginThrottle {
    /** Every login key shares one hash tag, so the script's three keys live on one Redis Cluster node. */
    private static final String PREFIX = "login:{login}:";
    private static final String[] WHY = {"",
            "too many failed logins for this user from this address; wait before trying again",
            "too many failed logins for this user; wait before trying again",
            "too many failed logins from this address; wait before trying again"};

    private final GatewayConfig.Login config;
    private final Duration timeout;
    private final Redis redis;
    private final RedisScript script = RedisScript.fromResource(LoginThrottle.class, "/auth/login-throttle.lua");

    public LoginThrottle(GatewayConfig config, Redis redis) {
        this.config = config.login();
        this.timeout = config.rateLimit().redisTimeout();
        this.redis = redis;
    }

    void preload(@Observes StartupEvent start) {
        script.load(redis::send)
                .onFailure(e -> Log.infof("login-throttle script not loaded at start (%s): the first login loads it", e));
    }

    /**
     * Records a login attempt, or refuses it with 429 (and the seconds to wait) when this pair, account or address must wait
     * first. Refuses with 503 when Redis cannot be asked.
     */
    public void attempt(String username, String address) {
        Response answer;
        try {
            answer = run("attempt", username, address);
        } catch (RuntimeException e) {
            Log.warnf("login refused, the throttle cannot reach Redis: %s", e.toString());
            throw new ApiException(503, null, "logins are refused while the login throttle is unavailable; try again shortly");
        }
        if (answer.get(0).toInteger() == 0) {
            throw new Throttled(WHY[answer.get(2).toInteger()], (answer.get(1).toLong() + 999) / 1000);
        }
    }

    /** A successful login: the pair starts afresh and is known, and the attempt no longer counts for account and address. */
    public void succeeded(String username, String address) {
        try {
            run("success", username, address);
        } catch (RuntimeException e) {
            Log.warnf("login failures not cleared, Redis unavailable: %s", e.toString());
        }
    }

    private Response run(String mode, String username, String address) {
        String account = username.toLowerCase(Locale.ROOT);
        String from = address == null ? "unknown" : address;
        // an address has no '/', so the pair's key is unambiguous whatever the user name holds
        List<String> keys = List.of(PREFIX + "pair:" + from + "/" + account, PREFIX + "account:" + account,
                PREFIX + "address:" + from);
        List<Object> args = List.of(mode, config.baseDelay().toMillis(), config.window().toMillis(),
                config.knownAddressFor().toMillis(), config.freeAttempts(), config.maxDelay().toMillis(),
                config.accountFreeAttempts(), config.accountMaxDelay().toMillis(), config.addressFreeAttempts(),
                config.maxDelay().toMillis());
        return RedisScript.await(script.run(redis::send, keys, args), timeout);
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
