package io.ecomanalytics.analytics.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rolling-origin evaluation (Tashman 2000): the model is refitted on the history up to each origin and forecasts the next
 * {@code horizon} weeks, which are known. Origins step back by the horizon from the end, so their test windows do not overlap.
 * Accuracy is MAPE, sMAPE and MASE (Hyndman and Koehler 2006: mean absolute error over the in-sample seasonal-naive MAE of the
 * same training window; below 1 beats the naive forecast).
 */
public final class Backtest {
    /** Fewer training weeks than this make no origin: no model is worth scoring on less. */
    public static final int MIN_TRAINING_WEEKS = 8;

    private final SeasonalNaive scale;

    public Backtest(SeasonalNaive scale) {
        this.scale = scale;
    }

    /** Scores {@code model} at up to {@code origins} origins; an empty result has no origin (history too short). */
    public Score evaluate(ForecastModel model, double[] series, int horizon, int origins) {
        List<double[]> errors = new ArrayList<>();
        double apeSum = 0;
        int apeCount = 0;
        double sapeSum = 0;
        int sapeCount = 0;
        double maseSum = 0;
        int maseCount = 0;
        for (int k = 1; k <= origins; k++) {
            int end = series.length - k * horizon;
            if (end < MIN_TRAINING_WEEKS) {
                break;
            }
            double[] train = Arrays.copyOf(series, end);
            double[] forecast = model.fit(train, horizon).forecast();
            double[] e = new double[horizon];
            double absSum = 0;
            for (int h = 0; h < horizon; h++) {
                double actual = series[end + h];
                e[h] = actual - forecast[h];
                absSum += Math.abs(e[h]);
                if (actual != 0) {
                    apeSum += Math.abs(e[h] / actual);
                    apeCount++;
                }
                double denominator = Math.abs(actual) + Math.abs(forecast[h]);
                if (denominator > 0) {
                    sapeSum += 2 * Math.abs(e[h]) / denominator;
                    sapeCount++;
                }
            }
            double mae = scale.inSampleMae(train);
            if (mae > 0) {
                maseSum += absSum / horizon / mae;
                maseCount++;
            }
            errors.add(e);
        }
        return new Score(model.name(), errors.size(), ratio(100 * apeSum, apeCount), ratio(100 * sapeSum, sapeCount),
                ratio(maseSum, maseCount), errors);
    }

    private static double ratio(double sum, int count) {
        return count == 0 ? Double.NaN : sum / count;
    }

    /**
     * One model's backtest: accuracy in percent (MAPE, sMAPE) and MASE, and the errors per origin and step (actual − forecast).
     */
    public record Score(String model, int origins, double mape, double smape, double mase, List<double[]> errors) {

        /**
         * The root mean squared backtest error at each step ahead, never smaller than at an earlier step: the spread of the
         * prediction intervals, which grows with the horizon as the evidence says.
         */
        public double[] sigmaByStep(int horizon) {
            double[] sigma = new double[horizon];
            double floor = 0;
            for (int h = 0; h < horizon; h++) {
                double sum = 0;
                for (double[] e : errors) {
                    sum += e[h] * e[h];
                }
                floor = Math.max(floor, Math.sqrt(sum / errors.size()));
                sigma[h] = floor;
            }
            return sigma;
        }
    }
}
