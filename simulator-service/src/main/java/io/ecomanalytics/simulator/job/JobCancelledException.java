package io.ecomanalytics.simulator.job;

/** Thrown inside a job at its next check after a cancellation was asked for; the job's transaction rolls back. */
public class JobCancelledException extends RuntimeException {
    public JobCancelledException() {
        super("cancelled", null, false, false);
    }
}
