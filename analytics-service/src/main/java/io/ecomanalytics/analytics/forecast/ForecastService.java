package io.ecomanalytics.analytics.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.contracts.problem.ApiException;

/** Fits the candidate models to the weekly revenue, ranks them by backtest and forecasts with the chosen one. */
@ApplicationScoped
public class ForecastService {
    public static final String AUTO = "auto";
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
        // every model as it forecasts this history, so the backtest scores the lag and season that forecast
        Map<String, ForecastModel> models = new LinkedHashMap<>();
        models().forEach((name, model) -> models.put(name, model.pinnedFor(y.length)));
        Backtest backtest = new Backtest(new SeasonalNaive(config.seasonLength()));
        List<Backtest.Score> scores = new ArrayList<>();
        for (ForecastModel model : models.values()) {
            scores.add(backtest.evaluate(model, y, horizon, config.backtestOrigins()));
        }
        if (scores.stream().allMatch(s -> s.origins() == 0)) {
            throw new ApiException(422, "horizonWeeks", "not enough history: " + y.length + " whole weeks, a backtest of "
                    + horizon + " weeks needs at least " + (Backtest.MIN_TRAINING_WEEKS + horizon));
        }
        Backtest.Score chosen = AUTO.equals(requested)
                ? scores.stream().filter(s -> s.origins() > 0).min(Comparator.comparingDouble(ForecastService::rank))
                        .orElseThrow()
                : scores.stream().filter(s -> s.model().equals(requested)).findFirst().orElseThrow();
        if (chosen.origins() == 0) {
            throw new ApiException(422, "model", requested + " cannot be checked on this history: "
                    + leftOut(chosen, y.length, horizon) + "; choose another model or a shorter horizon");
        }
        ForecastModel.Fitted fitted = models.get(chosen.model()).fit(y, horizon);
        double[] sigma = chosen.sigmaByStep(horizon);
        List<RevenueForecast.Week> weeks = new ArrayList<>();
        for (int h = 0; h < horizon; h++) {
            double point = Math.max(0, fitted.forecast()[h]);
            weeks.add(new RevenueForecast.Week(series.firstWeek().plusWeeks(y.length + h), money(point),
                    money(point - Backtest.Z80 * sigma[h]), money(point + Backtest.Z80 * sigma[h]),
                    money(point - Backtest.Z95 * sigma[h]), money(point + Backtest.Z95 * sigma[h])));
        }
        List<RevenueForecast.Candidate> candidates = scores.stream().map(s -> new RevenueForecast.Candidate(s.model(),
                s.variant(), s.origins(), rounded(s.mape()), rounded(s.smape()), rounded(s.mase()),
                rounded(s.coverage80()), rounded(s.coverage95()),
                s.origins() == 0 ? leftOut(s, y.length, horizon) : null)).toList();
        return new RevenueForecast(chosen.model(), requested, fitted.variant(), fitted.parameters(), horizon,
                new RevenueForecast.History(y.length, series.firstWeek(), series.firstWeek().plusWeeks(y.length - 1)),
                weeks, candidates, INTERVAL_METHOD);
    }

    /** Why a model has no origin: its variant's training window does not fit before a test window. */
    private static String leftOut(Backtest.Score score, int weeks, int horizon) {
        return "as it forecasts " + weeks + " weeks (" + score.variant() + ") it needs " + score.trainingWeeksNeeded()
                + " weeks of training history, and the longest backtest window of a " + horizon + "-week horizon has "
                + Math.max(0, weeks - horizon);
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
