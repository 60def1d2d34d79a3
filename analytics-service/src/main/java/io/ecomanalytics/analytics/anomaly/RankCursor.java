package io.ecomanalytics.analytics.anomaly;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ecomanalytics.contracts.problem.ApiException;

/**
 * A place in an anomaly ranking (score descending, then order id ascending): the last order of a page, from which the next page
 * continues. Written as {@code <orderId>.<the score's 64 bits in hex>}, so the score is exact and a page boundary between equal
 * scores is kept (the models are seeded: the same data scores the same).
 */
public record RankCursor(long orderId, double score) {
    public static final String PARAMETER = "after";
    private static final Pattern FORM = Pattern.compile("(\\d{1,18})\\.([0-9a-f]{16})");

    /** The cursor a caller sent, or null; 400 naming {@value #PARAMETER} when it is not one this service wrote. */
    public static RankCursor parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FORM.matcher(text);
        double score = m.matches() ? Double.longBitsToDouble(Long.parseUnsignedLong(m.group(2), 16)) : Double.NaN;
        if (!Double.isFinite(score)) {
            throw ApiException.badRequest(PARAMETER, PARAMETER + " must be a nextCursor of an earlier answer");
        }
        return new RankCursor(Long.parseLong(m.group(1)), score);
    }

    @Override
    public String toString() {
        return orderId + "." + String.format("%016x", Double.doubleToLongBits(score));
    }

    /** Whether an order ranks after this place: a lower score, or the same score and a higher order id. */
    public boolean precedes(double otherScore, long otherOrderId) {
        return otherScore < score || (otherScore == score && otherOrderId > orderId);
    }
}
