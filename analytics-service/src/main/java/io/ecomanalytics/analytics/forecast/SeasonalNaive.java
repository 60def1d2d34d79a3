package io.ecomanalytics.analytics.forecast;

import java.util.Map;

/**
 * The baseline every other model must beat: next year's week repeats this year's same week (lag 52), or, with less than a
 * season of history, the last week repeats (lag 1).
 */
public final class SeasonalNaive implements ForecastModel {
    private final int seasonLength;
    /** The lag of a pinned model; 0: chosen by each history's length. */
    private final int lag;

    public SeasonalNaive(int seasonLength) {
        this(seasonLength, 0);
    }

    private SeasonalNaive(int seasonLength, int lag) {
        this.seasonLength = seasonLength;
        this.lag = lag;
    }

    /** The lag used for a history of this length: the season when a whole season is known, else 1. */
    public int lagFor(int length) {
        if (lag > 0) {
            return lag;
        }
        return length >= seasonLength ? seasonLength : 1;
    }

    @Override
    public SeasonalNaive pinnedFor(int length) {
        return new SeasonalNaive(seasonLength, lagFor(length));
    }

    @Override
    public int minHistory() {
        return Math.max(lag, 1);
    }

    @Override
    public String variant() {
        return lag > 0 ? "lag " + lag + " weeks" : "lag " + seasonLength + " weeks, or 1 on less than a season";
    }

    @Override
    public String name() {
        return "seasonal-naive";
    }

    @Override
    public Fitted fit(double[] history, int horizon) {
        int used = lagFor(history.length);
        double[] forecast = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
            // the value one lag before the target week, itself taken from the history
            forecast[h - 1] = history[history.length - used + (h - 1) % used];
        }
        return new Fitted(forecast, "lag " + used + " weeks", Map.of("lag", (double) used));
    }

    /**
     * Mean absolute error of the in-sample seasonal-naive forecast, the MASE scale: lag 52 when the history is longer than a
     * season (at least one lagged pair), else lag 1; NaN for a single week.
     */
    public double inSampleMae(double[] history) {
        int lag = history.length > seasonLength ? seasonLength : 1;
        if (history.length <= lag) {
            return Double.NaN;
        }
        double sum = 0;
        for (int t = lag; t < history.length; t++) {
            sum += Math.abs(history[t] - history[t - lag]);
        }
        return sum / (history.length - lag);
    }
}
