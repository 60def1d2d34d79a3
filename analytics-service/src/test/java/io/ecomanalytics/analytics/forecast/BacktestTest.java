package io.ecomanalytics.analytics.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BacktestTest {

    @Test
    void scoresTheNaiveForecastOfAStraightLine() {
        // y = 1..12, horizon 2, two origins, lag 1 (shorter than a season):
        // origin 1 trains on 1..10, forecasts 10 10 for 11 12 (errors 1 2); origin 2 trains on 1..8, forecasts 8 8 for 9 10.
        // In-sample naive MAE is 1 in both windows, so MASE = mean(|e|) = 1.5.
        // MAPE = (1/11 + 2/12 + 1/9 + 2/10) / 4 = 14.2256% ; sMAPE = (2/21 + 4/22 + 2/17 + 4/18) / 4 = 15.4177%
        double[] y = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        SeasonalNaive naive = new SeasonalNaive(52);

        Backtest.Score score = new Backtest(naive).evaluate(naive, y, 2, 5);

        assertThat(score.origins()).isEqualTo(2);
        assertThat(score.mase()).isCloseTo(1.5, within(1e-12));
        assertThat(score.mape()).isCloseTo(100 * (1 / 11.0 + 2 / 12.0 + 1 / 9.0 + 2 / 10.0) / 4, within(1e-12));
        assertThat(score.smape()).isCloseTo(100 * (2 / 21.0 + 4 / 22.0 + 2 / 17.0 + 4 / 18.0) / 4, within(1e-12));
        // sigma per step: sqrt((1+1)/2) = 1, sqrt((4+4)/2) = 2
        assertThat(score.sigmaByStep(2)).containsExactly(1.0, 2.0);
    }

    @Test
    void extrapolatesAnExactQuadratic() {
        double[] y = new double[10];
        for (int t = 0; t < y.length; t++) {
            y[t] = 3 + 2 * t + t * t;
        }
        // t = 10: 3 + 20 + 100 = 123; t = 11: 3 + 22 + 121 = 146
        assertThat(new PolynomialRegression(2).fit(y, 2).forecast()).satisfies(f -> {
            assertThat(f[0]).isCloseTo(123, within(1e-6));
            assertThat(f[1]).isCloseTo(146, within(1e-6));
        });
    }
}
