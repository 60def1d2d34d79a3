package io.ecomanalytics.gateway.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.gateway.config.GatewayConfig;
import io.ecomanalytics.gateway.routing.RouteClass;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;

/** The gateway's rate limiter: the configured limit of the caller's role and route class, taken from Redis. */
@ApplicationScoped
public class RateLimits {
    /** The limits of callers without a token. */
    public static final String ANONYMOUS = "anonymous";

    private final GatewayConfig.RateLimit config;
    private final RedisRateLimiter limiter;

    public RateLimits(GatewayConfig config, Vertx vertx, Redis redis, MeterRegistry meters) {
        this.config = config.rateLimit();
        this.limiter = new RedisRateLimiter(vertx, redis, this.config.period(), this.config.redisTimeout(), meters);
    }

    void preload(@Observes StartupEvent start) {
        if (enabled()) {
            limiter.preload();
        }
    }

    public boolean enabled() {
        return config.enabled();
    }

    /**
     * Takes a token for this subject.
     *
     * @param role
     *            the caller's highest role, or {@link #ANONYMOUS}
     */
    public Future<Decision> take(String subject, String role, RouteClass routeClass) {
        return limiter.take(subject, routeClass.key(), limit(role, routeClass),
                config.failOpen().contains(routeClass.key()));
    }

    int limit(String role, RouteClass routeClass) {
        GatewayConfig.Limits limits = config.limits().get(role);
        if (limits == null) {
            throw new IllegalStateException("no gateway.rate-limit.limits." + role + " configured");
        }
        return switch (routeClass) {
            case READS -> limits.reads();
            case HEAVY -> limits.heavy();
            case ADMIN -> limits.admin();
            case AUTH -> limits.auth();
        };
    }

    /** The highest of the roles a token carries, or {@link #ANONYMOUS}. */
    public static String highestRole(java.util.Set<String> groups) {
        for (int i = Roles.ALL.size() - 1; i >= 0; i--) {
            if (groups.contains(Roles.ALL.get(i))) {
                return Roles.ALL.get(i);
            }
        }
        return ANONYMOUS;
    }
}
