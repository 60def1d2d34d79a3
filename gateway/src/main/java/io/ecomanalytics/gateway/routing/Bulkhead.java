package io.ecomanalytics.gateway.routing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounded concurrency of one class of proxied calls at this replica: a call that finds every place taken is refused at once (no
 * queue), so slow calls of one class never hold up the others.
 */
final class Bulkhead {
    private final String name;
    private final int capacity;
    private final AtomicInteger inFlight = new AtomicInteger();

    Bulkhead(String name, int capacity) {
        this.name = name;
        this.capacity = capacity;
    }

    String name() {
        return name;
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Takes a place, or answers false when all are taken. */
    boolean tryEnter() {
        for (int now = inFlight.get(); now < capacity; now = inFlight.get()) {
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        return false;
    }

    void leave() {
        inFlight.decrementAndGet();
    }

    /** Refused because the bulkhead was full. */
    static final class Full extends RuntimeException {
        private final String bulkhead;

        Full(String bulkhead) {
            super("too many " + bulkhead + " calls in flight", null, false, false);
            this.bulkhead = bulkhead;
        }

        String bulkhead() {
            return bulkhead;
        }
    }
}
