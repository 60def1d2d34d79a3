package io.ecomanalytics.analytics.forecast;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.math3.fitting.PolynomialCurveFitter;
import org.apache.commons.math3.fitting.WeightedObservedPoints;

/**
 * The original design's model: least-squares polynomial of revenue on the week number (Commons Math), extrapolated. Kept as a
 * candidate so every response shows how much the seasonal models improve on it.
 */
public final class PolynomialRegression implements ForecastModel {
    private final int degree;

    public PolynomialRegression(int degree) {
        this.degree = degree;
    }

    @Override
    public String name() {
        return "polynomial";
    }

    @Override
    public String variant() {
        return "degree " + degree;
    }

    @Override
    public int minHistory() {
        return degree + 1;
    }

    @Override
    public Fitted fit(double[] history, int horizon) {
        int n = history.length;
        int usedDegree = Math.min(degree, n - 1);
        WeightedObservedPoints points = new WeightedObservedPoints();
        // time is scaled to [0, 1] so the normal equations stay well conditioned for long histories
        for (int t = 0; t < n; t++) {
            points.add(t / (double) n, history[t]);
        }
        double[] coefficients = PolynomialCurveFitter.create(usedDegree).fit(points.toList());
        double[] forecast = new double[horizon];
        for (int h = 1; h <= horizon; h++) {
            double x = (n - 1 + h) / (double) n;
            double value = 0;
            for (int k = coefficients.length - 1; k >= 0; k--) {
                value = value * x + coefficients[k];
            }
            forecast[h - 1] = value;
        }
        Map<String, Double> parameters = new LinkedHashMap<>();
        for (int k = 0; k < coefficients.length; k++) {
            parameters.put("c" + k, coefficients[k]);
        }
        return new Fitted(forecast, "degree " + usedDegree, parameters);
    }
}
