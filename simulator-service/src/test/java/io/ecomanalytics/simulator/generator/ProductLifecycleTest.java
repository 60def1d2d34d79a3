package io.ecomanalytics.simulator.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProductLifecycleTest {

    /** A 1000-day life: introduction to day 100, growth to 300, maturity to 750, decline to 1000. */
    @ParameterizedTest(name = "day {0}: {1} ({2})")
    @CsvSource({"-1, 0, introduction", "0, 0.15, introduction", "50, 0.275, introduction", "100, 0.40, growth",
            "200, 0.70, growth", "301, 1.0, maturity", "749, 1.0, maturity", "750, 1.0, decline", "875, 0.55, decline",
            "999, 0.1036, decline", "1000, 0, discontinued", "2000, 0, discontinued"})
    void followsIntroductionGrowthMaturityAndDecline(double day, double level, String stage) {
        assertThat(ProductLifecycle.level(day, 1000)).isCloseTo(level, within(1e-9));
        assertThat(ProductLifecycle.stage(day, 1000)).isEqualTo(stage);
    }
}
