package io.ecomanalytics.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * The {@code simulate} command line run as a user runs it: options in, a progress bar and an exit code out. Each launch builds
 * the application again (20-30 s here), so only the two outcomes are launched; option parsing is {@link SimulatorMainTest}.
 */
@QuarkusMainTest
class SimulateCommandTest {

    @Test
    @Launch({"simulate", "--years", "1", "--customers-per-year", "200", "--products-per-year", "20", "--start-date",
            "2024-01-01", "--seed", "3", "--warm-up-years", "0", "--replace"})
    void loadsAStoreDrawingAProgressBarAndExitsWithZero(LaunchResult result) {
        assertThat(result.getOutput()).contains("[..............................]   0.0% preparing")
                .contains("% generating").contains("% loading orders").contains("% loading order_items")
                .contains("[##############################]  99.0% committing").contains(" COMPLETED in ")
                .contains("customers=200");
    }

    @Test
    @Launch(value = {"simulate", "--years", "2", "--warm-up-years", "11"}, exitCode = 2)
    void refusesAnOutOfRangeOptionNamingIt(LaunchResult result) {
        assertThat(result.getOutput() + result.getErrorOutput())
                .contains("invalid options: warmUpYears must be less than or equal to 10");
    }
}
