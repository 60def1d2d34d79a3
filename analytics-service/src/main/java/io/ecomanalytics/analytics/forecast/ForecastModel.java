package io.ecomanalytics.analytics.forecast;

/** A weekly revenue model: fitted to a history, it extends the series by a number of weeks. */
public interface ForecastModel {

    /** The name used in the API ({@code model=} parameter and the response). */
    String name();

    /** Fits the model to {@code history} (oldest first) and returns the next {@code horizon} values. */
    Fitted fit(double[] history, int horizon);

    /** A fitted model's forecast, a short description of the variant that was used, and its fitted parameters. */
    record Fitted(double[] forecast, String variant, java.util.Map<String, Double> parameters) {
    }
}
