package io.ecomanalytics.contracts.problem;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Correlation ids: the caller's {@code X-Request-Id} when it is a short, plain token, else a new one. Given to each call, put
 * in its logging context and returned on its response by {@code observability.AccessLog}, so one call can be followed through
 * the gateway and every service.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    /** Ids from outside are echoed into logs and headers: only a short, plain token is accepted. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** The caller's id when it is a short, plain token, else a new random (version 4) UUID. */
    public static String of(String given) {
        if (given != null && SAFE.matcher(given).matches()) {
            return given;
        }
        // A correlation id must be unique, not unguessable: ThreadLocalRandom spares every call UUID.randomUUID()'s
        // SecureRandom, whose lock all event loops share.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
