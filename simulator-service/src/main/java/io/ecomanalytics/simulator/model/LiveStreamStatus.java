package io.ecomanalytics.simulator.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The live order stream: whether it runs, at what rate until when, and what it did so far.
 *
 * @param endsAt
 *            when the last order is due; the stream ends with its last order ({@code ordersPerSecond x durationSeconds})
 * @param insertFailures
 *            orders that could not be inserted (database away): their ticks are spent, so inserted + failures = the total
 * @param publishFailures
 *            orders committed whose event could not be appended to the stream (Redis down)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LiveStreamStatus(boolean running, Integer ordersPerSecond, Integer durationSeconds, Instant startedAt,
        Instant endsAt, long ordersInserted, long insertFailures, long eventsPublished, long publishFailures,
        Long lastOrderId) {

    public static LiveStreamStatus idle() {
        return new LiveStreamStatus(false, null, null, null, null, 0, 0, 0, 0, null);
    }
}
