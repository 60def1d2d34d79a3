package io.ecomanalytics.analytics.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.commons.math3.distribution.NormalDistribution;

import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.contracts.problem.ApiException;

/** Fits the candidate models to the weekly revenue, ranks them by backtest and forecasts with the chosen one. */
@ApplicationScoped
public class ForecastService {
    public static final String AUTO = "auto";
    /** z of the central 80% and 95% intervals of a normal distribution. */
    private static final double Z80 = new NormalDistribution().inverseCumulativeProbability(0.90);
    private static final double Z95 = new NormalDistribution().inverseCumulativeProbability(0.975);
    static final String INTERVAL_METHOD = "normal, with the spread at each step ahead taken from the chosen model's "
            + "rolling-origin backtest errors (root mean square, non-decreasing with the step); lower bounds cut at 0";

    private final ForecastRepository repository;
    private final ForecastConfig config;

    public ForecastService(ForecastRepository repository, ForecastConfig config) {
        this.repository = repository;
        this.config = config;
    }

    /** The model names accepted by {@code model=}, {@value #AUTO} first. */
    public List<String> modelNames() {
        List<String> names = new ArrayList<>(List.of(AUTO));
        models().keySet().forEach(names::add);
        return names;
    }

    public RevenueForecast forecast(SalesFilter filter, int horizon, String requested) {
        ForecastRepository.WeeklySeries series = repository.weeklyRevenue(filter);
        return forecast(series, horizon, requested);
    }

    RevenueForecast forecast(ForecastRepository.WeeklySeries series, int horizon, String requested) {
        double[] y = series.values();
        Map<String, ForecastModel> models = models();
        Backtest backtest = new Backtest(new SeasonalNaive(config.seasonLength()));
        List<Backtest.Score> scores = new ArrayList<>();
        for (ForecastModel model : models.values()) {
            scores.add(backtest.evaluate(model, y, horizon, config.backtestOrigins()));
        }
        if (scores.get(0).origins() == 0) {
            throw new ApiException(422, "horizonWeeks", "not enough history: " + y.length + " whole weeks, a backtest of "
                    + horizon + " weeks needs at least " + (Backtest.MIN_TRAINING_WEEKS + horizon));
        }
        Backtest.Score chosen = AUTO.equals(requested)
                ? scores.stream().min(Comparator.comparingDouble(ForecastService::rank)).orElseThrow()
                : scores.stream().filter(s -> s.model().equals(requested)).findFirst().orElseThrow();
        ForecastModel.Fitted fitted = models.get(chosen.model()).fit(y, horizon);
        double[] sigma = chosen.sigmaByStep(horizon);
        List<RevenueForecast.Week> weeks = new ArrayList<>();
        for (int h = 0; h < horizon; h++) {
            double point = Math.max(0, fitted.forecast()[h]);
            weeks.add(new RevenueForecast.Week(series.firstWeek().plusWeeks(y.length + h), money(point),
                    money(point - Z80 * sigma[h]), money(point + Z80 * sigma[h]), money(point - Z95 * sigma[h]),
                    money(point + Z95 * sigma[h])));
        }
        List<RevenueForecast.Candidate> candidates = scores.stream().map(s -> new RevenueForecast.Candidate(s.model(),
                s.origins(), rounded(s.mape()), rounded(s.smape()), rounded(s.mase()))).toList();
        return new RevenueForecast(chosen.model(), requested, fitted.variant(), fitted.parameters(), horizon,
                new RevenueForecast.History(y.length, series.firstWeek(), series.firstWeek().plusWeeks(y.length - 1)),
                weeks, candidates, INTERVAL_METHOD);
    }

    /** MASE when defined (flat training windows have none), else sMAPE scaled so it sorts after every MASE. */
    private static double rank(Backtest.Score score) {
        return Double.isNaN(score.mase()) ? 1e6 + score.smape() : score.mase();
    }

    private Map<String, ForecastModel> models() {
        Map<String, ForecastModel> models = new LinkedHashMap<>();
        // seasonal naive first: the baseline is always scored
        for (ForecastModel model : List.of(new SeasonalNaive(config.seasonLength()),
                new HoltWinters(config.seasonLength()), new PolynomialRegression(config.polynomialDegree()))) {
            models.put(model.name(), model);
        }
        return models;
    }

    private static BigDecimal money(double value) {
        return BigDecimal.valueOf(Math.max(0, value)).setScale(2, RoundingMode.HALF_UP);
    }

    private static Double rounded(double value) {
        return Double.isNaN(value) ? null : Math.round(value * 10_000) / 10_000.0;
    }
}
