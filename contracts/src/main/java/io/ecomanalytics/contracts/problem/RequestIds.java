package io.ecomanalytics.contracts.problem;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Correlation ids: accepts the caller's {@code X-Request-Id} (or makes one), puts it in the logging context of the request and
 * returns it on the response, so one call can be followed through the gateway and every service.
 */
public class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    /** Ids from outside are echoed into logs and headers: only a short, plain token is accepted. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @ServerRequestFilter(preMatching = true)
    public void assign(ContainerRequestContext request) {
        String id = of(request.getHeaderString(HEADER));
        request.setProperty(MDC_KEY, id);
        MDC.put(MDC_KEY, id);
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

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(MDC_KEY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id.toString());
        }
    }
}
