package io.ecomanalytics.analytics.forecast;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the revenue forecast ({@code analytics.forecast.*}). */
@ConfigMapping(prefix = "analytics.forecast")
public interface ForecastConfig {
    /** Weeks in the yearly season of Holt-Winters and of the seasonal-naive baseline. */
    @WithDefault("52")
    int seasonLength();

    /** Rolling origins of the backtest that ranks the models and sizes the prediction intervals. */
    @WithDefault("5")
    int backtestOrigins();

    /** Degree of the polynomial regression (the original design's trend model). */
    @WithDefault("2")
    int polynomialDegree();

    /** Largest accepted {@code horizonWeeks}. */
    @WithDefault("52")
    int maxHorizonWeeks();
}
