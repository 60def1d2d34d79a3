package io.ecomanalytics.analytics.ltv;

import static org.apache.commons.math3.special.Gamma.logGamma;

import java.util.HashMap;
import java.util.Map;

/**
 * The BG/NBD model of repeat buying (Fader, Hardie and Lee, "Counting Your Customers the Easy Way", Marketing Science 2005):
 * while alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each purchase the customer drops out with
 * probability p ~ Beta(a, b). Per customer: x repeat purchases, t_x the time of the last one and T the time since the first,
 * all in weeks from the first purchase.
 */
public record BgNbd(double r, double alpha, double a, double b) {
    private static final int MAX_SERIES_TERMS = 10_000_000;
    private static final double RESCALE = 1e200;
    private static final double LOG_RESCALE = Math.log(RESCALE);

    /** Fits (r, α, a, b) by maximum likelihood; the arrays hold one customer per index. */
    public static BgNbd fit(double[] x, double[] tx, double[] t) {
        double[] p = LogSpaceFit.maximise(q -> new BgNbd(q[0], q[1], q[2], q[3]).logLikelihood(x, tx, t),
                new double[]{1, 1, 1, 1});
        return new BgNbd(p[0], p[1], p[2], p[3]);
    }

    /**
     * The sum of {@link #logLikelihood(double, double, double)} over the customers. The optimiser evaluates it hundreds of
     * times over tens of thousands of customers, so the terms that depend on the parameters alone are taken once and those that
     * depend on x once per distinct x (a handful of repeat counts): two logarithms and two exponentials per customer are left.
     */
    public double logLikelihood(double[] x, double[] tx, double[] t) {
        double common = r * Math.log(alpha) - logGamma(r) + logGamma(a + b) - logGamma(b);
        Map<Double, double[]> byRepeats = new HashMap<>();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double repeats = x[i];
            double[] terms = byRepeats.computeIfAbsent(repeats, this::repeatTerms);
            double logA1 = -(r + repeats) * Math.log(alpha + t[i]);
            if (repeats == 0) {
                sum += common + terms[0] + logA1;
            } else {
                double logA2 = terms[1] - (r + repeats) * Math.log(alpha + tx[i]);
                double max = Math.max(logA1, logA2);
                sum += common + terms[0] + max + Math.log(Math.exp(logA1 - max) + Math.exp(logA2 - max));
            }
        }
        return sum;
    }

    /** For x repeat purchases: ln Γ(r+x) + ln Γ(b+x) − ln Γ(a+b+x), and ln(a / (b+x−1)) (used only when x > 0). */
    private double[] repeatTerms(double x) {
        return new double[]{logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x),
                x > 0 ? Math.log(a) - Math.log(b + x - 1) : 0};
    }

    /**
     * ln L(r, α, a, b | x, t_x, T) (FHL 2005, eq. 6), written as ln[Γ(r+x)α^r/Γ(r)] + ln[B(a, b+x)/B(a, b)] + ln(A1 + A2) with
     * A1 = (α+T)^−(r+x) and, for x > 0, A2 = a/(b+x−1) · (α+t_x)^−(r+x). A1 and A2 underflow for frequent buyers, so their sum
     * is taken as a log-sum-exp of their logarithms.
     */
    public double logLikelihood(double x, double tx, double t) {
        double gammaPart = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
        double betaPart = logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
        double logA1 = -(r + x) * Math.log(alpha + t);
        if (x == 0) {
            return gammaPart + betaPart + logA1;
        }
        double logA2 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
        double max = Math.max(logA1, logA2);
        return gammaPart + betaPart + max + Math.log(Math.exp(logA1 - max) + Math.exp(logA2 - max));
    }

    /**
     * P(alive | x, t_x, T) = 1 / (1 + δ(x>0) a/(b+x−1) ((α+T)/(α+t_x))^(r+x)) (FHL 2005, eq. 11); the power is kept in log
     * space, where a long-silent frequent buyer's would overflow.
     */
    public double probabilityAlive(double x, double tx, double t) {
        if (x == 0) {
            return 1;
        }
        double log = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + t) - Math.log(alpha + tx));
        return log > 0 ? Math.exp(-log) / (1 + Math.exp(-log)) : 1 / (1 + Math.exp(log));
    }

    /**
     * E[purchases in the next {@code weeks} | x, t_x, T] (FHL 2005, eq. 10). Euler's transformation 2F1(r+x, b+x; c; z) =
     * (1−z)^(c−r−x−b−x) 2F1(c−r−x, c−b−x; c; z) with c = a+b+x−1 cancels the factor ((α+T)/(α+T+t))^(r+x) = (1−z)^(r+x), so the
     * series left has small parameters and cannot overflow however often the customer bought: E = (a+b+x−1)/(a−1) · [1 −
     * (1−z)^(a−1) 2F1(a+b−1−r, a−1; a+b+x−1; z)] · P(alive), z = t/(α+T+t).
     */
    public double expectedPurchases(double weeks, double x, double tx, double t) {
        if (weeks <= 0) {
            return 0;
        }
        double z = weeks / (alpha + t + weeks);
        double c = a + b + x - 1;
        double bracket = 1 - Math.exp((a - 1) * Math.log1p(-z) + logHypergeometric(a + b - 1 - r, a - 1, c, z));
        return c / (a - 1) * bracket * probabilityAlive(x, tx, t);
    }

    /**
     * ln 2F1(p, q; c; z) for 0 ≤ z < 1 by Gauss's series, summed until a term no longer changes the sum. With a and b large
     * (customers who never seem to drop out push them to their bounds) the terms first grow past any double, so the sum is
     * carried with a separate logarithmic scale.
     */
    static double logHypergeometric(double p, double q, double c, double z) {
        double term = 1;
        double sum = 1;
        double logScale = 0;
        for (int k = 0; k < MAX_SERIES_TERMS; k++) {
            term *= (p + k) * (q + k) / ((c + k) * (k + 1)) * z;
            sum += term;
            if (Math.abs(sum) > RESCALE) {
                sum /= RESCALE;
                term /= RESCALE;
                logScale += LOG_RESCALE;
            }
            if (Math.abs(term) <= 1e-15 * Math.abs(sum)) {
                break;
            }
        }
        return logScale + Math.log(sum);
    }
}
