package io.ecomanalytics.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void drawsOneLineWhenThePhaseChangesOrTheRunMovesFivePoints() {
        ProgressBar bar = new ProgressBar();
        assertThat(bar.update("preparing", 0)).contains("[..............................]   0.0% preparing");
        assertThat(bar.update("products", 1)).contains("[..............................]   1.0% products");
        // 30 columns: 2% of them (0.6) round to 1, 7% (2.1) to 2, 12.5% (3.75) to 4, 99% (29.7) to all
        assertThat(bar.update("generating", 2)).contains("[#.............................]   2.0% generating");
        assertThat(bar.update("generating", 6.9)).isEmpty();
        assertThat(bar.update("generating", 7)).contains("[##............................]   7.0% generating");
        assertThat(bar.update("generating", 11.9)).isEmpty();
        assertThat(bar.update("generating", 12.5)).contains("[####..........................]  12.5% generating");
        // a new phase is shown at once, however little the percentage moved
        assertThat(bar.update("loading orders", 12.6)).contains("[####..........................]  12.6% loading orders");
        assertThat(bar.update("committing", 99)).contains("[##############################]  99.0% committing");
    }
}
