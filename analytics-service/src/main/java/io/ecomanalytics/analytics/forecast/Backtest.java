package io.ecomanalytics.analytics.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Rolling-origin evaluation (Tashman 2000): the model is refitted on the history up to each origin and forecasts the next
 * {@code horizon} weeks, which are known. Origins step back by the horizon from the end, so their test windows do not overlap.
 * The model is scored as given: pass it {@linkplain ForecastModel#pinnedFor pinned} to the whole history's variant, and a
 * window too short for that variant ({@link ForecastModel#minHistory}) makes no origin. Accuracy is MAPE, sMAPE and MASE
 * (Hyndman and Koehler 2006: mean absolute error over the in-sample seasonal-naive MAE of the same training window; below 1
 * beats the naive forecast), and the empirical coverage of the 80% and 95% intervals: at each origin, the interval the forecast
 * would have had with the spread of the other origins' errors (leave one origin out, so no origin checks an interval built from
 * its own errors) around the point forecast, bounds cut at 0 as in the forecast.
 */
public final class Backtest {
    /** Fewer training weeks than this make no origin: no model is worth scoring on less. */
    public static final int MIN_TRAINING_WEEKS = 8;
    /** z of the central 80% and 95% intervals of a normal distribution. */
    public static final double Z80 = new NormalDistribution().inverseCumulativeProbability(0.90);
    public static final double Z95 = new NormalDistribution().inverseCumulativeProbability(0.975);

    private final SeasonalNaive scale;

    public Backtest(SeasonalNaive scale) {
        this.scale = scale;
    }

    /**
     * Scores {@code model} at up to {@code origins} origins; an empty result has no origin (history too short for a window of
     * {@link Score#trainingWeeksNeeded} weeks).
     */
    public Score evaluate(ForecastModel model, double[] series, int horizon, int origins) {
        int needed = Math.max(MIN_TRAINING_WEEKS, model.minHistory());
        List<double[]> errors = new ArrayList<>();
        List<double[]> forecasts = new ArrayList<>();
        double apeSum = 0;
        int apeCount = 0;
        double sapeSum = 0;
        int sapeCount = 0;
        double maseSum = 0;
        int maseCount = 0;
        for (int k = 1; k <= origins; k++) {
            int end = series.length - k * horizon;
            if (end < needed) {
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
            forecasts.add(forecast);
        }
        return new Score(model.name(), model.variant(), needed, errors.size(), ratio(100 * apeSum, apeCount),
                ratio(100 * sapeSum, sapeCount), ratio(maseSum, maseCount), coverage(errors, forecasts, horizon, Z80),
                coverage(errors, forecasts, horizon, Z95), errors);
    }

    /**
     * The share of the backtest's actual weeks inside the interval point ± z σ (lower bound at least 0), σ at each step from
     * the other origins' errors; NaN with fewer than two origins.
     */
    static double coverage(List<double[]> errors, List<double[]> forecasts, int horizon, double z) {
        if (errors.size() < 2) {
            return Double.NaN;
        }
        int inside = 0;
        for (int i = 0; i < errors.size(); i++) {
            List<double[]> others = new ArrayList<>(errors);
            others.remove(i);
            double[] sigma = sigmaByStep(others, horizon);
            for (int h = 0; h < horizon; h++) {
                double point = Math.max(0, forecasts.get(i)[h]);
                double actual = forecasts.get(i)[h] + errors.get(i)[h];
                if (actual >= Math.max(0, point - z * sigma[h]) && actual <= point + z * sigma[h]) {
                    inside++;
                }
            }
        }
        return inside / (double) (errors.size() * horizon);
    }

    /**
     * The root mean squared error at each step ahead over {@code errors}, never smaller than at an earlier step: the spread of
     * the prediction intervals, which grows with the horizon as the evidence says.
     */
    static double[] sigmaByStep(List<double[]> errors, int horizon) {
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

    private static double ratio(double sum, int count) {
        return count == 0 ? Double.NaN : sum / count;
    }

    /**
     * One model's backtest: the variant scored, the training weeks a window needed, accuracy in percent (MAPE, sMAPE) and MASE,
     * the empirical coverage of the 80% and 95% intervals (shares, NaN with fewer than two origins), and the errors per origin
     * and step (actual − forecast).
     */
    public record Score(String model, String variant, int trainingWeeksNeeded, int origins, double mape, double smape,
            double mase, double coverage80, double coverage95, List<double[]> errors) {

        /** The spread of the prediction intervals at each step ahead, from every origin's errors. */
        public double[] sigmaByStep(int horizon) {
            return Backtest.sigmaByStep(errors, horizon);
        }
    }
}
