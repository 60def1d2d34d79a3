package io.ecomanalytics.gateway.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The gateway's own settings. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Lifetime of an access token. */
    @WithName("access-token-ttl")
    @WithDefault("PT15M")
    Duration accessTokenTtl();

    /** Lifetime of a refresh token (each rotation issues a new one with a fresh lifetime). */
    @WithName("refresh-token-ttl")
    @WithDefault("P7D")
    Duration refreshTokenTtl();

    /** The first admin's user name, created at start-up when no admin exists. */
    @WithName("admin-username")
    @WithDefault("admin")
    String adminUsername();

    /**
     * The first admin's password ({@code ADMIN_PASSWORD}). When absent a random one is generated and logged once.
     */
    @WithName("admin-password")
    Optional<String> adminPassword();

    /** Backend services by name ({@code simulator}, {@code analytics}, {@code metrics}). */
    Map<String, Backend> backends();

    Proxy proxy();

    RateLimit rateLimit();

    Login login();

    Revocation revocation();

    OpenApi openapi();

    /** One backend service. */
    interface Backend {
        /** Base URL, e.g. {@code http://localhost:8083} ({@code SIMULATOR_URL}, {@code ANALYTICS_URL}, {@code METRICS_URL}). */
        String url();

        /**
         * Base URL of its management interface, where its readiness is asked for the platform status
         * ({@code SIMULATOR_MANAGEMENT_URL}, … e.g. {@code http://localhost:9083}).
         */
        String managementUrl();
    }

    /** How calls are passed on. */
    interface Proxy {
        /** Connecting to a backend longer than this fails the call. */
        @WithDefault("PT2S")
        Duration connectTimeout();

        /**
         * A backend that has not sent its response headers after this long fails the call (504); its request is reset, so the
         * backend sees its caller is gone. Never tried again.
         */
        @WithDefault("PT30S")
        Duration responseTimeout();

        /**
         * Extra attempts of a GET/HEAD after a connection failure (refused, reset); never after a timeout or for other methods.
         */
        @WithDefault("1")
        int getRetries();

        /** Calls in flight at once at this replica, per route class. */
        Bulkheads bulkhead();

        /** Calls in the rolling window of each circuit breaker (one per backend and route class). */
        @WithDefault("10")
        int circuitRequestVolume();

        /** Share of connection failures in the window that opens the circuit (slow calls and timeouts do not count). */
        @WithDefault("0.5")
        double circuitFailureRatio();

        /** How long an open circuit refuses calls before letting a trial call through. */
        @WithDefault("PT5S")
        Duration circuitDelay();

        /** Successful trial calls that close a half-open circuit. */
        @WithDefault("1")
        int circuitSuccessThreshold();
    }

    /**
     * Places per route class (one more call is refused with 503 and Retry-After), so slow calls of one class never hold up
     * another. Their sum is each backend's connection pool.
     */
    interface Bulkheads {
        /** Cheap reads (metrics, descriptive analytics). */
        @WithDefault("64")
        int reads();

        /** Scans and model fits: below analytics' 20 pooled database connections, so cheap reads keep some. */
        @WithDefault("12")
        int heavy();

        /** Administration (simulations, imports, rebuild). */
        @WithDefault("8")
        int admin();

        /** Server-sent event streams, whatever their route class: they last as long as they are read. */
        @WithDefault("256")
        int streams();
    }

    /** Token buckets in Redis, per subject and route class. */
    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /**
         * The route classes whose calls go on when Redis is unreachable ({@code GATEWAY_RATE_LIMIT_FAIL_OPEN}); the calls of
         * every other class are refused with 503. Reads stay available through a Redis outage; logins and administration are
         * never left unlimited.
         */
        @WithDefault("reads,heavy")
        Set<String> failOpen();

        /** A bucket refills completely once per period. */
        @WithDefault("PT1M")
        Duration period();

        /**
         * Redis is taken as unreachable when it has not answered after this long, and {@link #failOpen()} decides. A guard
         * against a hung Redis, not a latency budget: a short one would let a busy gateway admit more than the limit.
         */
        @WithDefault("PT10S")
        Duration redisTimeout();

        /** Calls per period by role ({@code anonymous}, {@code viewer}, {@code analyst}, {@code admin}). */
        Map<String, Limits> limits();
    }

    /** Calls per period of each route class. */
    interface Limits {
        @WithDefault("600")
        int reads();

        @WithDefault("60")
        int heavy();

        @WithDefault("120")
        int admin();

        @WithDefault("30")
        int auth();
    }

    /**
     * Throttling of failed logins (see {@code LoginThrottle}): per (account, address) pair with growing delays, per account
     * across addresses slowed with a short cap, per address across accounts with a higher threshold.
     */
    interface Login {
        /** Failures of one account from one address before each further attempt must wait. */
        @WithDefault("5")
        int freeAttempts();

        /** The first wait; each further failure doubles it ({@code base * 2^k}). */
        @WithDefault("PT2S")
        Duration baseDelay();

        /** The longest wait of a pair and of an address. */
        @WithDefault("PT15M")
        Duration maxDelay();

        /** Failures of one account from all addresses together before its attempts are slowed. */
        @WithDefault("20")
        int accountFreeAttempts();

        /** The longest wait between attempts on one account: guessing from many addresses is slowed, never locked out. */
        @WithDefault("PT5S")
        Duration accountMaxDelay();

        /** Failures from one address on all accounts together before its attempts must wait (many users share one). */
        @WithDefault("100")
        int addressFreeAttempts();

        /** Counts are forgotten this long after the last failure. */
        @WithDefault("PT1H")
        Duration window();

        /**
         * How long after a successful login its address stays known to the account: a known address is held back only by its
         * own failures, not by those of the account elsewhere or of other users at that address.
         */
        @WithDefault("P30D")
        Duration knownAddressFor();
    }

    /** Refusal of access tokens before they expire (logout, disabled user, role change). */
    interface Revocation {
        /**
         * How often each replica checks Redis for new revocations: the longest a revocation made at another replica takes to
         * reach this one (plus one Redis round trip).
         */
        @WithDefault("PT0.2S")
        Duration refreshEvery();
    }

    /** The merged OpenAPI document. */
    interface OpenApi {
        /** How long a backend's fetched document is reused before it is fetched again. */
        @WithDefault("PT1M")
        Duration refresh();
    }
}
