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
    void coversTheActualWeeksWithTheOtherOriginsSpread() {
        // a model forecasting 0, horizon 1, three origins: the actual weeks are the errors, 10 (origin 1), 2 and 1.
        // Origin 1's spread comes from the others' errors: sqrt((2^2 + 1^2) / 2) = 1.581, so its 95% band reaches
        // 1.96 x 1.581 = 3.10 < 10 (outside); origin 2's from 10 and 1: 7.11, origin 3's from 10 and 2: 7.21 (both inside,
        // lower bounds cut at 0). Two of three in either band.
        double[] y = {5, 5, 5, 5, 5, 5, 5, 5, 1, 2, 10};
        ForecastModel zero = new ForecastModel() {
            @Override
            public String name() {
                return "zero";
            }

            @Override
            public String variant() {
                return "always 0";
            }

            @Override
            public Fitted fit(double[] history, int horizon) {
                return new Fitted(new double[horizon], variant(), java.util.Map.of());
            }
        };

        Backtest.Score score = new Backtest(new SeasonalNaive(52)).evaluate(zero, y, 1, 5);

        assertThat(score.origins()).isEqualTo(3);
        assertThat(score.coverage80()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(score.coverage95()).isCloseTo(2 / 3.0, within(1e-12));
        // with a single origin there is no other to take a spread from
        assertThat(new Backtest(new SeasonalNaive(52)).evaluate(zero, y, 1, 1).coverage80()).isNaN();
    }

    @Test
    void scoresTheSeasonalLagThatForecastsNotAShorterWindowsFallback() {
        // 60 weeks: the forecast repeats the week 52 before (lag 52). Windows of 56 and 52 weeks can repeat it; a window of
        // 48 could only repeat the last week (lag 1), another model: it makes no origin. At 52 weeks (a year of history,
        // as both UCI files) no window of an 8-week horizon is a season long: seasonal naive has no origin at all.
        double[] y = new double[60];
        for (int t = 0; t < y.length; t++) {
            y[t] = 100 + t;
        }
        SeasonalNaive naive = new SeasonalNaive(52);
        Backtest backtest = new Backtest(naive);

        Backtest.Score pinned = backtest.evaluate(naive.pinnedFor(60), y, 4, 5);
        assertThat(pinned.variant()).isEqualTo("lag 52 weeks");
        assertThat(pinned.trainingWeeksNeeded()).isEqualTo(52);
        assertThat(pinned.origins()).isEqualTo(2);
        // every error is 52: each repeated week is 52 weeks older than the week it stands for
        assertThat(pinned.errors()).allSatisfy(e -> assertThat(e).containsOnly(52.0));
        assertThat(backtest.evaluate(naive, y, 4, 5).origins()).as("unpinned: lag 1 on short windows").isEqualTo(5);

        double[] year = java.util.Arrays.copyOf(y, 52);
        assertThat(backtest.evaluate(naive.pinnedFor(52), year, 8, 5).origins()).isZero();
        HoltWinters holt = new HoltWinters(52);
        assertThat(holt.pinnedFor(52).variant()).isEqualTo("holt (trend only)");
        assertThat(holt.pinnedFor(104).minHistory()).isEqualTo(104);
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
