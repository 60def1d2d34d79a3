package io.ecomanalytics.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.gateway.LoginKeys;
import io.ecomanalytics.gateway.RawHttp;
import io.ecomanalytics.gateway.config.GatewayConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;

/**
 * Failed-login throttling against the real Redis, from several loopback addresses (test settings: 3 free attempts per account
 * and address, then a minute's wait; an account is slowed after 6 failures from anywhere, by at most 30 s).
 */
@QuarkusTest
class LoginThrottleTest {
    private static final String PASSWORD = "test-admin-password";

    @TestHTTPResource("/")
    URL base;

    @Inject
    RedisDataSource redis;

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    @BeforeEach
    void forgetFailedLogins() {
        LoginKeys.clear(redis);
    }

    @Test
    void checksAndRecordsConcurrentWrongPasswordsAtomically() throws Exception {
        // 25 at once: exactly the 3 free attempts reach the password check (each is recorded before it), the rest wait
        ExecutorService callers = Executors.newFixedThreadPool(25);
        try {
            List<CompletableFuture<RawHttp.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> login("127.0.0.2", "admin", "wrong"), callers));
            }
            List<Integer> statuses = answers.stream().map(CompletableFuture::join).map(RawHttp.Answer::status).toList();
            assertThat(statuses).filteredOn(s -> s == 401).hasSize(3);
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(22);
        } finally {
            callers.shutdownNow();
        }
        RawHttp.Answer waiting = login("127.0.0.2", "admin", PASSWORD);
        assertThat(waiting.status()).isEqualTo(429);
        assertThat(waiting.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(Long.parseLong(waiting.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(waiting.body()).contains("for this user from this address");
    }

    @Test
    void letsTheRightPasswordInFromAnotherAddressWhileOneIsThrottled() {
        for (int i = 0; i < 3; i++) {
            assertThat(login("127.0.0.3", "admin", "wrong").status()).isEqualTo(401);
        }
        assertThat(login("127.0.0.3", "admin", PASSWORD).status()).isEqualTo(429);
        // failures from one address never lock the account's holder out from another
        assertThat(login("127.0.0.4", "admin", PASSWORD).status()).isEqualTo(200);
        // nor another account from the throttled address
        assertThat(login("127.0.0.3", "nobody", "wrong").status()).isEqualTo(401);
    }

    @Test
    void slowsDistributedGuessingButLetsTheHolderIn() {
        assertThat(login("127.0.0.20", "admin", PASSWORD).status()).isEqualTo(200);
        // six addresses guess once each: the account's sixth failure slows every unknown address
        for (int i = 10; i < 16; i++) {
            assertThat(login("127.0.0." + i, "admin", "wrong").status()).isEqualTo(401);
        }
        RawHttp.Answer slowed = login("127.0.0.16", "admin", "wrong");
        assertThat(slowed.status()).isEqualTo(429);
        assertThat(slowed.body()).contains("for this user;");
        // slowed, not locked: the wait is capped at the account's short maximum
        assertThat(Long.parseLong(slowed.header("Retry-After"))).isBetween(1L, 30L);
        // the holder, from the address they logged in from before, is not held back by guesses from elsewhere
        assertThat(login("127.0.0.20", "admin", PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aSuccessfulLoginClearsThePair() {
        assertThat(login("127.0.0.5", "admin", "wrong").status()).isEqualTo(401);
        assertThat(login("127.0.0.5", "admin", "wrong").status()).isEqualTo(401);
        assertThat(login("127.0.0.5", "admin", PASSWORD).status()).isEqualTo(200);
        assertThat(login("127.0.0.5", "admin", "wrong").status()).isEqualTo(401);
        assertThat(login("127.0.0.5", "admin", "wrong").status()).isEqualTo(401);
        // only two failures since the success: not throttled
        assertThat(login("127.0.0.5", "admin", PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void refusesLoginsWhenRedisCannotBeReached() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Redis client = Redis.createClient(vertx, "redis://127.0.0.1:" + closed);
        try {
            LoginThrottle unreachable = new LoginThrottle(config, client);
            assertThatThrownBy(() -> unreachable.attempt("admin", "127.0.0.6"))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
        } finally {
            client.close();
        }
    }

    private RawHttp.Answer login(String from, String user, String password) {
        return RawHttp.send(base, from, "POST", "/auth/token", Map.of("Content-Type", "application/json"),
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    }
}
