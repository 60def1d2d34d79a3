package io.ecomanalytics.simulator;

import java.util.Locale;
import java.util.Optional;

/**
 * The command line's text progress bar: one line when the phase changes or the run has moved on by {@link #STEP} points, so a
 * long load logs about twenty lines per phase instead of one per customer.
 */
final class ProgressBar {
    static final int WIDTH = 30;
    static final double STEP = 5;

    private double shown = -STEP;
    private String phase = "";

    /** The line to show for this progress, if it is worth a line. */
    Optional<String> update(String phase, double percent) {
        if (phase.equals(this.phase) && percent - shown < STEP) {
            return Optional.empty();
        }
        this.phase = phase;
        shown = percent;
        int filled = (int) Math.round(percent / 100 * WIDTH);
        return Optional.of(String.format(Locale.ROOT, "[%s%s] %5.1f%% %s", "#".repeat(filled),
                ".".repeat(WIDTH - filled), percent, phase));
    }
}
