package io.ecomanalytics.gateway.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.ecomanalytics.contracts.redis.RedisScript;
import io.ecomanalytics.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/**
 * Access tokens the gateway refuses before they expire: those of a session that ended (logout, refresh-token reuse) and those
 * of a user's older token version (disabled, role changed). The revocations live in a Redis sorted set that every replica
 * copies into memory, checking a version counter every {@code gateway.revocation.refresh-every}: the hot path asks no one. The
 * replica that revokes applies it to its own copy at once. An entry is kept as long as a token it refuses could still be valid;
 * a copy forgets nothing before that, even when Redis does, and a Redis that lost the set (no version counter) is filled again
 * from the database.
 */
@ApplicationScoped
public class Revocations {
    static final String ENTRIES = "revocation:{revocation}:entries";
    static final String VERSION = "revocation:{revocation}:version";
    private static final String SESSION = "s:";
    private static final String USER = "u:";
    /** Tolerated difference between the clocks of the replicas, Redis and the token's verifier. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private final Redis redis;
    private final RefreshTokenRepository refreshTokens;
    private final UserRepository users;
    private final Duration keep;
    private final Duration refreshEvery;
    private final Duration timeout;
    private final RedisScript script = RedisScript.fromResource(Revocations.class, "/auth/revoke.lua");

    /** Revoked sessions, with when their entry may be forgotten (epoch ms). */
    private final Map<String, Long> sessions = new ConcurrentHashMap<>();
    /** The lowest valid token version of users, with when their entry may be forgotten. */
    private final Map<Long, Floor> floors = new ConcurrentHashMap<>();
    /** Revocations not yet written to Redis (it could not be reached): written by the next refresh. */
    private final Set<String> unpublished = ConcurrentHashMap.newKeySet();
    private long copiedVersion = -1;
    private long lastWarning;
    private ScheduledExecutorService refresher;

    public Revocations(Redis redis, RefreshTokenRepository refreshTokens, UserRepository users, GatewayConfig config) {
        this.redis = redis;
        this.refreshTokens = refreshTokens;
        this.users = users;
        this.keep = config.accessTokenTtl().plus(CLOCK_SKEW);
        this.refreshEvery = config.revocation().refreshEvery();
        this.timeout = config.rateLimit().redisTimeout();
    }

    void start(@Observes StartupEvent start) {
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gateway-revocations");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, refreshEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stop) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** Whether the gateway refuses a token of this session, user and token version (null/negative: the token has none). */
    public boolean refuses(String session, long userId, int tokenVersion) {
        if (session != null && sessions.containsKey(session)) {
            return true;
        }
        Floor floor = userId < 0 ? null : floors.get(userId);
        return floor != null && tokenVersion < floor.version();
    }

    /** Ends a session's access tokens (its refresh-token family was revoked). */
    public void revokeSession(UUID session) {
        publish(List.of(SESSION + session));
    }

    /** Ends a user's access tokens of a version below {@code lowestValid}. */
    public void revokeTokensBefore(long userId, int lowestValid) {
        publish(List.of(USER + userId + ":" + lowestValid));
    }

    private void publish(List<String> members) {
        long until = System.currentTimeMillis() + keep.toMillis();
        members.forEach(member -> copy(member, until));
        try {
            write(members);
        } catch (RuntimeException e) {
            unpublished.addAll(members);
            Log.warnf("revocation kept locally until Redis can be reached again (%s): %s", members, e.toString());
        }
    }

    private long write(Collection<String> members) {
        List<Object> args = new ArrayList<>();
        args.add(keep.toMillis());
        args.addAll(members);
        return RedisScript.await(script.run(redis::send, List.of(ENTRIES, VERSION), args), timeout).toLong();
    }

    /** Copies Redis's set when its version changed; writes what could not be written before; refills a Redis that lost it. */
    void refresh() {
        try {
            if (!unpublished.isEmpty()) {
                List<String> pending = List.copyOf(unpublished);
                write(pending);
                unpublished.removeAll(pending);
            }
            Response version = send(Request.cmd(Command.GET).arg(VERSION));
            if (version == null) {
                refill();
                return;
            }
            if (version.toLong() != copiedVersion) {
                Response entries = send(Request.cmd(Command.ZRANGE).arg(ENTRIES).arg(0).arg(-1).arg("WITHSCORES"));
                // RESP3 answers [member, score] pairs, RESP2 one flat list
                boolean pairs = entries.size() > 0 && entries.get(0).type() == ResponseType.MULTI;
                for (int i = 0; i < entries.size(); i += pairs ? 1 : 2) {
                    Response member = pairs ? entries.get(i).get(0) : entries.get(i);
                    Response score = pairs ? entries.get(i).get(1) : entries.get(i + 1);
                    copy(member.toString(), (long) Double.parseDouble(score.toString()));
                }
                copiedVersion = version.toLong();
            }
            long now = System.currentTimeMillis();
            sessions.values().removeIf(until -> until < now);
            floors.values().removeIf(floor -> floor.until() < now);
        } catch (RuntimeException e) {
            long now = System.currentTimeMillis();
            if (now - lastWarning >= LOG_EVERY.toMillis()) {
                lastWarning = now;
                Log.warnf("revocations not refreshed from Redis (this replica keeps its copy): %s", e.toString());
            }
        }
    }

    /** Redis has no set (new, or restarted empty): what the database knows of the last {@link #keep} goes back into it. */
    private void refill() {
        List<String> members = new ArrayList<>();
        refreshTokens.familiesRevokedWithin(keep).forEach(family -> members.add(SESSION + family));
        users.tokenVersionsRaisedWithin(keep).forEach((user, version) -> members.add(USER + user + ":" + version));
        long until = System.currentTimeMillis() + keep.toMillis();
        members.forEach(member -> copy(member, until));
        write(members);
        Log.infof("revocations written to Redis from the database: %d", members.size());
    }

    private void copy(String member, long until) {
        if (member.startsWith(SESSION)) {
            sessions.merge(member.substring(SESSION.length()), until, Math::max);
        } else if (member.startsWith(USER)) {
            String[] parts = member.substring(USER.length()).split(":");
            Floor floor = new Floor(Integer.parseInt(parts[1]), until);
            floors.merge(Long.parseLong(parts[0]), floor,
                    (a, b) -> new Floor(Math.max(a.version(), b.version()), Math.max(a.until(), b.until())));
        }
    }

    private Response send(Request request) {
        return RedisScript.await(redis.send(request), timeout);
    }

    private record Floor(int version, long until) {
    }
}
