package io.ecomanalytics.analytics.ltv;

import static org.apache.commons.math3.special.Gamma.logGamma;

import java.util.HashMap;
import java.util.Map;

/**
 * The Gamma-Gamma model of spend per purchase (Fader and Hardie, "The Gamma-Gamma Model of Monetary Value", 2013): a customer's
 * purchases are Gamma(p, ν) around a mean p/ν, with ν ~ Gamma(q, γ) across customers. Fitted on customers with at least one
 * repeat purchase (x of them, averaging m), it shrinks each customer's average toward the population's.
 */
public record GammaGamma(double p, double q, double gamma) {

    public static GammaGamma fit(double[] x, double[] m) {
        double[] f = LogSpaceFit.maximise(v -> new GammaGamma(v[0], v[1], v[2]).logLikelihood(x, m), new double[]{1, 1, 1});
        return new GammaGamma(f[0], f[1], f[2]);
    }

    /**
     * Σ ln f(m | x): lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ + m x) (Fader and Hardie 2013,
     * eq. 4), over customers with x ≥ 1 and m > 0. As in {@link BgNbd#logLikelihood(double[], double[], double[])}, the terms
     * of the parameters alone are taken once and those of x once per distinct x.
     */
    public double logLikelihood(double[] x, double[] m) {
        double common = q * Math.log(gamma) - logGamma(q);
        Map<Double, Double> byRepeats = new HashMap<>();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double px = p * x[i];
            double repeatTerm = byRepeats.computeIfAbsent(x[i],
                    n -> logGamma(p * n + q) - logGamma(p * n) + p * n * Math.log(n));
            sum += common + repeatTerm + (px - 1) * Math.log(m[i]) - (px + q) * Math.log(gamma + m[i] * x[i]);
        }
        return sum;
    }

    /** E[spend per purchase | x, m] = (γ + m x) p / (p x + q − 1); with x = 0, the population mean γ p / (q − 1). */
    public double expectedSpend(double x, double m) {
        return (gamma + m * x) * p / (p * x + q - 1);
    }
}
