package io.ecomanalytics.gateway.ratelimit;

/**
 * The answer of the rate limiter for one call.
 *
 * @param allowed
 *            whether the call may go on
 * @param limit
 *            calls per period of the bucket
 * @param remaining
 *            calls left in the current period
 * @param resetSeconds
 *            seconds until the bucket refills
 * @param degraded
 *            true when Redis could not be asked and the fail-open/closed policy decided; no counts are known then
 */
public record Decision(boolean allowed, int limit, long remaining, long resetSeconds, boolean degraded) {

    static Decision unknown(boolean allowed, int limit) {
        return new Decision(allowed, limit, 0, 0, true);
    }
}
