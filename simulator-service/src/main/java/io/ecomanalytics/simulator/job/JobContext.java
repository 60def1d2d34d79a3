package io.ecomanalytics.simulator.job;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;

/**
 * What a running job sees of the framework: report its phase, percent and row counts (written to its run row at most a few
 * times a second) and find out whether it was cancelled.
 */
public final class JobContext {
    private static final long WRITE_INTERVAL_NANOS = 250_000_000L;

    private final UUID id;
    private final ProgressWriter writer;
    private final Map<String, Long> counts = new ConcurrentSkipListMap<>();
    private final BiConsumer<String, Double> observer;
    private volatile boolean cancelled;
    private String phase;
    private double percent;
    private long lastWrite;

    /** Where progress goes: the run row. */
    public interface ProgressWriter {
        void write(UUID id, String phase, double percent, Map<String, Long> counts);
    }

    JobContext(UUID id, ProgressWriter writer, BiConsumer<String, Double> observer) {
        this.id = id;
        this.writer = writer;
        this.observer = observer;
    }

    public UUID id() {
        return id;
    }

    /** Reports progress; throws {@link JobCancelledException} when the job was cancelled. */
    public void progress(String phase, double percent) {
        checkCancelled();
        boolean newPhase = !phase.equals(this.phase);
        this.phase = phase;
        this.percent = Math.max(0, Math.min(100, percent));
        long now = System.nanoTime();
        if (newPhase || now - lastWrite >= WRITE_INTERVAL_NANOS) {
            lastWrite = now;
            writer.write(id, phase, this.percent, Map.copyOf(counts));
            observer.accept(phase, this.percent);
        }
    }

    public void count(String name, long value) {
        counts.put(name, value);
    }

    public Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    public String phase() {
        return phase;
    }

    public double percent() {
        return percent;
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }

    public void checkCancelled() {
        if (cancelled || Thread.currentThread().isInterrupted()) {
            throw new JobCancelledException();
        }
    }
}
