package io.ecomanalytics.analytics.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HoltWintersTest {

    @Test
    void followsTheAdditiveRecursionComputedByHand() {
        // m = 2, alpha = beta = gamma = 0.5, y = 10 20 12 22 14 26
        // start: level = mean(10, 20) = 15; trend = (mean(12, 22) - 15) / 2 = 1; season = (-5, 5)
        // t=2 y=12: forecast 15+1-5 = 11, e = 1; level = .5(12+5)+.5(16) = 16.5; trend = .5(1.5)+.5(1) = 1.25;
        //           s0 = .5(12-15-1)+.5(-5) = -4.5
        // t=3 y=22: forecast 16.5+1.25+5 = 22.75, e = -0.75; level = .5(17)+.5(17.75) = 17.375;
        //           trend = .5(0.875)+.5(1.25) = 1.0625; s1 = .5(22-16.5-1.25)+.5(5) = 4.625
        // t=4 y=14: forecast 17.375+1.0625-4.5 = 13.9375, e = 0.0625; level = .5(18.5)+.5(18.4375) = 18.46875;
        //           trend = .5(1.09375)+.5(1.0625) = 1.078125; s0 = .5(14-17.375-1.0625)+.5(-4.5) = -4.46875
        // t=5 y=26: forecast 18.46875+1.078125+4.625 = 24.171875, e = 1.828125; level = .5(21.375)+.5(19.546875)
        //           = 20.4609375; trend = .5(1.9921875)+.5(1.078125) = 1.53515625; s1 = .5(6.453125)+.5(4.625) = 5.5390625
        // SSE = 1 + 0.5625 + 0.00390625 + 3.342041015625 = 4.908447265625
        // forecast h=1: 20.4609375 + 1.53515625 - 4.46875 = 17.52734375; h=2: 20.4609375 + 3.0703125 + 5.5390625 =
        // 29.0703125; h=3: 20.4609375 + 4.60546875 - 4.46875 = 20.59765625
        HoltWinters.Run run = HoltWinters.run(new double[]{10, 20, 12, 22, 14, 26}, 2, 0.5, 0.5, 0.5, 3);

        assertThat(run.sse()).isCloseTo(4.908447265625, within(1e-12));
        assertThat(run.level()).isCloseTo(20.4609375, within(1e-12));
        assertThat(run.trend()).isCloseTo(1.53515625, within(1e-12));
        assertThat(run.season()).containsExactly(-4.46875, 5.5390625);
        assertThat(run.forecast()).containsExactly(17.52734375, 29.0703125, 20.59765625);
    }

    @Test
    void fallsBackToHoltsTrendMethodWithoutSeason() {
        // alpha = beta = 0.5, y = 10 12 15; start level 10, trend 2
        // t=1: forecast 12, e = 0; level 12, trend 2. t=2: forecast 14, e = 1; level .5(15)+.5(14) = 14.5;
        //      trend .5(2.5)+.5(2) = 2.25. Forecast 16.75, 19.
        HoltWinters.Run run = HoltWinters.run(new double[]{10, 12, 15}, 0, 0.5, 0.5, 0, 2);

        assertThat(run.sse()).isEqualTo(1.0);
        assertThat(run.forecast()).containsExactly(16.75, 19.0);
        assertThat(new HoltWinters(52).fit(new double[]{10, 12, 15, 17, 20}, 1).variant()).isEqualTo("holt (trend only)");
    }

    @Test
    void keepsTheBlackFridaySpikeOfEveryYear() {
        double[] y = SyntheticSeries.withYearlySpike(3, 47);
        HoltWinters model = new HoltWinters(52);

        ForecastModel.Fitted fitted = model.fit(y, 52);

        assertThat(fitted.variant()).isEqualTo("additive, season 52 weeks");
        double[] f = fitted.forecast();
        assertThat(f[47]).isGreaterThan(1.5 * f[46]).isGreaterThan(1.5 * f[48]);
    }

    @Test
    void fitsSmoothingParametersInsideTheUnitInterval() {
        ForecastModel.Fitted fitted = new HoltWinters(52).fit(SyntheticSeries.withYearlySpike(3, 47), 4);

        assertThat(fitted.parameters()).containsOnlyKeys("alpha", "beta", "gamma");
        assertThat(fitted.parameters().values()).allSatisfy(p -> assertThat(p).isBetween(0.0, 1.0));
    }
}
