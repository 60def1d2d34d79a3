package io.ecomanalytics.analytics.forecast;

/** A weekly revenue model: fitted to a history, it extends the series by a number of weeks. */
public interface ForecastModel {

    /** The name used in the API ({@code model=} parameter and the response). */
    String name();

    /** Fits the model to {@code history} (oldest first) and returns the next {@code horizon} values. */
    Fitted fit(double[] history, int horizon);

    /**
     * The model exactly as it forecasts a history of {@code length} weeks: a model whose variant depends on the history's
     * length (a season's lag, a seasonal component) keeps that variant on any shorter window, so a backtest scores the model
     * that forecasts, not a fallback that only the shorter windows would get.
     */
    default ForecastModel pinnedFor(int length) {
        return this;
    }

    /** Fewest weeks of history the model can be fitted on as it is (pinned). */
    default int minHistory() {
        return 1;
    }

    /** What the model is, as pinned: its variant ("lag 52 weeks"). */
    String variant();

    /** A fitted model's forecast, a short description of the variant that was used, and its fitted parameters. */
    record Fitted(double[] forecast, String variant, java.util.Map<String, Double> parameters) {
    }
}
