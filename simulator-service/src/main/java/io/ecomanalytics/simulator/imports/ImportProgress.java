package io.ecomanalytics.simulator.imports;

/** Receives an import's progress: its phase, the share done in [0, 100] and the rows handled so far. */
@FunctionalInterface
public interface ImportProgress {
    ImportProgress NONE = (phase, percent, rows) -> {
    };

    void report(String phase, double percent, long rows);
}
