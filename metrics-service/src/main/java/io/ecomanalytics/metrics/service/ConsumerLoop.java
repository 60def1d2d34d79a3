package io.ecomanalytics.metrics.service;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.quarkus.logging.Log;

/**
 * A platform thread that runs one round of a stream consumer after another until stopped, so blocking XREADGROUP calls never
 * run on the event loop. When the stream or its group disappeared (NOGROUP: someone deleted the stream), it creates them again;
 * after any other failed round (Redis unreachable) it waits before the next, and the wait ends at once on stop.
 */
final class ConsumerLoop {
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;

    ConsumerLoop(String name, Runnable round, Runnable createGroup, Duration retryDelay) {
        this.thread = new Thread(() -> run(round, createGroup, retryDelay), name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Asks the loop to stop and waits for the round in progress (at most one XREADGROUP block) to end. */
    void stop(Duration timeout) {
        stopped.countDown();
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean missingGroup(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("NOGROUP") || message.contains("UNBLOCKED"))) {
                return true;
            }
        }
        return false;
    }

    private void run(Runnable round, Runnable createGroup, Duration retryDelay) {
        while (stopped.getCount() > 0) {
            try {
                round.run();
            } catch (RuntimeException e) {
                if (missingGroup(e)) {
                    Log.warnf("%s: consumer group missing, creating it again", thread.getName());
                    createGroup.run();
                    continue;
                }
                Log.warnf(e, "%s: round failed, retrying in %s", thread.getName(), retryDelay);
                try {
                    if (stopped.await(retryDelay.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
