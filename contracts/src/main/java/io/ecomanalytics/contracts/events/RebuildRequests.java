package io.ecomanalytics.contracts.events;

/**
 * How a writer of {@code commerce.*} (a finished simulation or import) asks metrics-service to rebuild the Redis metrics of the
 * days it touched. The request is an entry on a stream, so it waits there until a metrics-service replica is up; the outcome is
 * a hash the writer can read to report "pending" or "done".
 */
public final class RebuildRequests {
    /** Entries: {@link #FIELD_RUN_ID}, {@link #FIELD_FROM}, {@link #FIELD_TO} (ISO dates in the store zone, inclusive). */
    public static final String STREAM = "metrics:rebuild-requests";
    public static final String FIELD_RUN_ID = "run_id";
    public static final String FIELD_FROM = "from";
    public static final String FIELD_TO = "to";

    /** Hash written by metrics-service when a request is done: fields {@code status} (= {@code done}) and {@code at}. */
    public static String resultKey(String runId) {
        return "metrics:rebuild:" + runId;
    }

    private RebuildRequests() {
    }
}
