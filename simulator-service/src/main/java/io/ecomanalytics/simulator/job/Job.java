package io.ecomanalytics.simulator.job;

import java.util.Map;

/** A unit of background work with a row in {@code commerce.runs}; returns the run's result document. */
@FunctionalInterface
public interface Job {
    Map<String, Object> run(JobContext context) throws Exception;
}
