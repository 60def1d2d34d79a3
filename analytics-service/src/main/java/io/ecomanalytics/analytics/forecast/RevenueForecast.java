package io.ecomanalytics.analytics.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The forecast of weekly revenue: the chosen model, its forecast with 80% and 95% prediction intervals, and how every candidate
 * did in the rolling-origin backtest.
 */
public record RevenueForecast(String model, String requestedModel, String variant, Map<String, Double> parameters,
        int horizonWeeks, History history, List<Week> forecast, List<Candidate> candidates, String intervalMethod) {

    /** The weekly series the models saw. */
    public record History(int weeks, LocalDate firstWeek, LocalDate lastWeek) {
    }

    /** One forecast week (its Monday) with its point forecast and interval bounds, never below zero. */
    public record Week(LocalDate weekStart, BigDecimal revenue, BigDecimal lower80, BigDecimal upper80, BigDecimal lower95,
            BigDecimal upper95) {
    }

    /**
     * A candidate model's backtest, of exactly the variant that forecasts this history: MAPE and sMAPE in percent, MASE against
     * seasonal naive, the share of backtest weeks inside the 80% and 95% intervals; null when undefined. {@code leftOut} says
     * why a model with no origin was not a choice (its variant needs more history than any backtest window has), else null.
     */
    public record Candidate(String model, String variant, int origins, Double mape, Double smape, Double mase,
            Double coverage80, Double coverage95, String leftOut) {
    }
}
