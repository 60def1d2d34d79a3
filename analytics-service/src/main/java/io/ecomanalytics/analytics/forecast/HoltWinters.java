package io.ecomanalytics.analytics.forecast;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Additive Holt-Winters exponential smoothing (Holt 1957, Winters 1960; component form of Hyndman and Athanasopoulos, FPP3
 * §8.3) with a yearly season of 52 weeks when at least two full seasons are known, and Holt's linear trend method otherwise.
 * The seasonal component is what keeps Black Friday: the spike of last year's same week is added back, not averaged away.
 * <p>
 * Initial states (the "simple" initialisation): level = mean of the first season, trend = (mean of the second season − mean of
 * the first) / m, season i = y_i − level; the recursion then runs from week m. Holt starts at level = y_0, trend = y_1 − y_0
 * and runs from week 1. The smoothing parameters minimise the in-sample sum of squared one-step errors, bounded to (0, 1), with
 * Powell's BOBYQA (Commons Math).
 */
public final class HoltWinters implements ForecastModel {
    private static final double LOWER = 1e-4;
    private static final double UPPER = 1 - 1e-4;
    private static final int MAX_EVALUATIONS = 2_000;

    private final int seasonLength;
    /** Seasonal or not, for a pinned model; null: decided by each history's length. */
    private final Boolean seasonal;

    public HoltWinters(int seasonLength) {
        this(seasonLength, null);
    }

    private HoltWinters(int seasonLength, Boolean seasonal) {
        this.seasonLength = seasonLength;
        this.seasonal = seasonal;
    }

    @Override
    public HoltWinters pinnedFor(int length) {
        return new HoltWinters(seasonLength, seasonalFor(length));
    }

    @Override
    public int minHistory() {
        return Boolean.TRUE.equals(seasonal) ? 2 * seasonLength : 1;
    }

    @Override
    public String variant() {
        if (seasonal == null) {
            return "additive, season " + seasonLength + " weeks, or holt (trend only) on less than two seasons";
        }
        return seasonal ? "additive, season " + seasonLength + " weeks" : "holt (trend only)";
    }

    @Override
    public String name() {
        return "holt-winters";
    }

    /** Whether a history of this length gets the seasonal model (two full seasons) or Holt's trend-only fallback. */
    public boolean seasonalFor(int length) {
        return seasonal != null ? seasonal : length >= 2 * seasonLength;
    }

    @Override
    public Fitted fit(double[] history, int horizon) {
        boolean seasonal = seasonalFor(history.length);
        int m = seasonal ? seasonLength : 0;
        if (history.length < 3) {
            // too short for a trend: Holt with its start states only
            return new Fitted(run(history, 0, 0.5, 0.1, 0, horizon).forecast(), "holt (trend only)", Map.of());
        }
        double[] start = seasonal ? new double[]{0.3, 0.05, 0.1} : new double[]{0.3, 0.05};
        double[] lower = new double[start.length];
        double[] upper = new double[start.length];
        Arrays.fill(lower, LOWER);
        Arrays.fill(upper, UPPER);
        double[] best = new BOBYQAOptimizer(2 * start.length + 1, 0.1, 1e-6).optimize(
                new MaxEval(MAX_EVALUATIONS), GoalType.MINIMIZE, new InitialGuess(start), new SimpleBounds(lower, upper),
                new ObjectiveFunction(p -> run(history, m, p[0], p[1], seasonal ? p[2] : 0, 0).sse())).getPoint();
        double gamma = seasonal ? best[2] : 0;
        Map<String, Double> parameters = new LinkedHashMap<>();
        parameters.put("alpha", best[0]);
        parameters.put("beta", best[1]);
        if (seasonal) {
            parameters.put("gamma", gamma);
        }
        return new Fitted(run(history, m, best[0], best[1], gamma, horizon).forecast(),
                seasonal ? "additive, season " + m + " weeks" : "holt (trend only)", parameters);
    }

    /**
     * Runs the recursion with fixed parameters: {@code m} = 0 is Holt's trend-only method. Returns the in-sample SSE of the
     * one-step forecasts, the final states and the forecast for {@code horizon} weeks.
     */
    public static Run run(double[] y, int m, double alpha, double beta, double gamma, int horizon) {
        double level;
        double trend;
        double[] season = new double[Math.max(m, 1)];
        int first;
        if (m > 0) {
            double mean1 = 0;
            double mean2 = 0;
            for (int i = 0; i < m; i++) {
                mean1 += y[i] / m;
                mean2 += y[m + i] / m;
            }
            level = mean1;
            trend = (mean2 - mean1) / m;
            for (int i = 0; i < m; i++) {
                season[i] = y[i] - mean1;
            }
            first = m;
        } else {
            level = y[0];
            trend = y.length > 1 ? y[1] - y[0] : 0;
            first = 1;
        }
        double sse = 0;
        for (int t = first; t < y.length; t++) {
            // season[t % m] still holds s_{t-m}: it is overwritten with s_t below
            double s = m > 0 ? season[t % m] : 0;
            double error = y[t] - (level + trend + s);
            sse += error * error;
            double previousLevel = level;
            double previousTrend = trend;
            level = alpha * (y[t] - s) + (1 - alpha) * (level + trend);
            trend = beta * (level - previousLevel) + (1 - beta) * trend;
            if (m > 0) {
                season[t % m] = gamma * (y[t] - previousLevel - previousTrend) + (1 - gamma) * s;
            }
        }
        double[] forecast = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
            forecast[h - 1] = level + h * trend + (m > 0 ? season[(y.length + h - 1) % m] : 0);
        }
        return new Run(sse, level, trend, season.clone(), forecast);
    }

    /** The outcome of one pass: SSE of the one-step forecasts, the last states, and the forecast. */
    public record Run(double sse, double level, double trend, double[] season, double[] forecast) {
    }
}
