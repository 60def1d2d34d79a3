package io.ecomanalytics.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class LifecycleFitTest {
    private static final int DAYS = 1500;

    @Test
    void theCurveRisesSlowlyThenSteeplyStaysFlatAndFalls() {
        // corners (0, 0.15), (0.1, 0.40), (0.3, 1), (0.75, 1), (1, 0.10), straight in between
        assertThat(LifecycleFit.level(-0.01)).isZero();
        assertThat(LifecycleFit.level(0)).isCloseTo(0.15, within(1e-12));
        assertThat(LifecycleFit.level(0.05)).isCloseTo(0.275, within(1e-12));
        assertThat(LifecycleFit.level(0.2)).isCloseTo(0.7, within(1e-12));
        assertThat(LifecycleFit.level(0.5)).isEqualTo(1.0);
        assertThat(LifecycleFit.level(0.875)).isCloseTo(0.55, within(1e-12));
        assertThat(LifecycleFit.level(1)).isZero();
        assertThat(LifecycleFit.stageAt(0.099)).isEqualTo(LifecycleStages.INTRODUCTION);
        assertThat(LifecycleFit.stageAt(0.1)).isEqualTo(LifecycleStages.GROWTH);
        assertThat(LifecycleFit.stageAt(0.3)).isEqualTo(LifecycleStages.MATURITY);
        assertThat(LifecycleFit.stageAt(0.75)).isEqualTo(LifecycleStages.DECLINE);
        assertThat(LifecycleFit.stageAt(1)).isEqualTo(LifecycleStages.DISCONTINUED);
    }

    @Test
    void theExpectedShapeSumsTheCurveTimesTheStoresUnitsDayByDay() {
        // 100 days of 1 unit a day, launch 0, lifetime 100: introduction days 0-9 sum 10 x 0.15 + 0.025 x 45 = 2.625; growth
        // 10-29: 20 x 0.4 + 0.03 x 190 = 13.7; maturity 30-74: 45; decline 75-99: 25 - 0.036 x 300 = 14.2: 75.525; with a
        // floor of 0.001 under the curve, 0.1 more. Launched 50 days before the first day: days 0-24 are life days 50-74
        // (maturity, 25), days 25-49 life days 75-99 (decline, 14.2), days 50-99 after the life (0).
        long[] store = new long[100];
        Arrays.fill(store, 1);
        LifecycleFit fit = new LifecycleFit(store, 540, 1825);

        assertThat(fit.expectedShape(0, 100, 0)).isCloseTo(75.525, within(1e-9));
        assertThat(fit.expectedShape(0, 100, 0.001)).isCloseTo(75.625, within(1e-9));
        assertThat(fit.expectedShape(-50, 100, 0)).isCloseTo(25 + 14.2, within(1e-9));
    }

    /** Weekly units of a product following the curve exactly, 20 units a day at maturity when the store sells 100. */
    private static long[] planted(int launch, int lifetime) {
        long[] weeks = new long[(DAYS + 6) / 7];
        double[] expected = new double[weeks.length];
        for (int day = 0; day < DAYS; day++) {
            expected[(DAYS - 1 - day) / 7] += 20 * LifecycleFit.level((double) (day - launch) / lifetime);
        }
        for (int w = 0; w < weeks.length; w++) {
            weeks[w] = Math.round(expected[w]);
        }
        return weeks;
    }

    private static LifecycleFit.Reading read(int launch, int lifetime) {
        long[] store = new long[DAYS];
        Arrays.fill(store, 100);
        return new LifecycleFit(store, 540, 1825).read(planted(launch, lifetime));
    }

    @Test
    void readsThePlantedStageOnTheLastDay() {
        // the last day is day 1499; its share of each planted life: 1.4 (ended on day 1100), 0.83, 0.56, 0.2, 0.03 (the
        // 60 days seen of that life read as introduction for any lifetime over 600 days)
        assertThat(read(100, 1000).stage()).isEqualTo(LifecycleStages.DISCONTINUED);
        assertThat(read(0, 1800).stage()).isEqualTo(LifecycleStages.DECLINE);
        assertThat(read(500, 1800).stage()).isEqualTo(LifecycleStages.MATURITY);
        assertThat(read(1200, 1500).stage()).isEqualTo(LifecycleStages.GROWTH);
        assertThat(read(1440, 1800).stage()).isEqualTo(LifecycleStages.INTRODUCTION);
    }

    @Test
    void thePosteriorSharesSumToOneAndFavourThePlantedStage() {
        LifecycleFit.Reading maturity = read(500, 1800);

        assertThat(maturity.mass().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1, within(1e-12));
        assertThat(maturity.mass().get(LifecycleStages.MATURITY)).isGreaterThan(0.8);
    }

    @Test
    void aStraySaleLongAfterTheLifeDoesNotMakeItUnreadable() {
        // the product of the first case, plus one unit a week before the last day, 400 days after it stopped selling
        long[] weeks = planted(100, 1000);
        weeks[1] = 1;
        long[] store = new long[DAYS];
        Arrays.fill(store, 100);

        LifecycleFit.Reading reading = new LifecycleFit(store, 540, 1825).read(weeks);

        assertThat(reading.stage()).isIn(LifecycleStages.DECLINE, LifecycleStages.DISCONTINUED);
    }
}
