package io.ecomanalytics.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.ecomanalytics.simulator.model.SimulationRequest;

class SimulatorMainTest {

    @Test
    void readsTheOriginalDesignsOptions() {
        SimulationRequest request = SimulatorMain.parse("simulate", "--years", "5", "--customers-per-year", "2000",
                "--products-per-year", "200", "--seed", "42", "--start-date", "2021-01-01", "--fraud-rate", "0.01",
                "--cagr", "0.2", "--profile", "olist-like", "--warm-up-years", "0", "--replace");
        assertThat(request).isEqualTo(new SimulationRequest(5, 2000, 200, LocalDate.of(2021, 1, 1), 42L, 0.01,
                "olist-like", 0.2, 0, true));
        assertThat(SimulatorMain.parse("simulate"))
                .isEqualTo(new SimulationRequest(null, null, null, null, null, null, null, null, null, false));
    }

    @Test
    void namesWhatItCannotRead() {
        assertThatThrownBy(() -> SimulatorMain.parse("simulate", "--years", "five"))
                .hasMessage("option --years: cannot read 'five'");
        assertThatThrownBy(() -> SimulatorMain.parse("simulate", "--yaers", "5")).hasMessage("unknown option --yaers");
        assertThatThrownBy(() -> SimulatorMain.parse("simulate", "--seed")).hasMessage("option --seed needs a value");
        assertThatThrownBy(() -> SimulatorMain.parse("simulate", "--warm-up-years", "2.5"))
                .hasMessage("option --warm-up-years: cannot read '2.5'");
        assertThatThrownBy(() -> SimulatorMain.parse("generate")).hasMessage("unknown command 'generate'");
    }
}
