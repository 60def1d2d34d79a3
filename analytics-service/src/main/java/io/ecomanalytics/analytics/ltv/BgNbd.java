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
    /** The most a series' largest term may exceed its sum: beyond, more than 8 of 16 digits cancelled. */
    private static final double MAX_CANCELLATION = 1e8;
    /**
     * The tanh-sinh rule's step in u and its most steps each way: |u| ≤ 24 lets the density's p^a (1−p)^(b+x) fall below 1e-17
     * for a or b down to 1e-9 (a Beta(a, b) with b = 0.001 holds 1% of its mass where 1 − p < e^(−1490)).
     */
    private static final double QUADRATURE_STEP = 1.0 / 16;
    private static final int QUADRATURE_STEPS = 384;

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
     * (1−z)^(a−1) 2F1(a+b−1−r, a−1; a+b+x−1; z)] · P(alive), z = t/(α+T+t). Where that series is not defined (c ≤ 0) or loses
     * its digits to cancellation - corners a fit on few customers reaches, such as a + b ≤ 1 or r far above a + b - the same
     * expectation is integrated over the dropout probability instead ({@link #expectedPurchasesIfAlive}).
     */
    public double expectedPurchases(double weeks, double x, double tx, double t) {
        if (weeks <= 0) {
            return 0;
        }
        double z = weeks / (alpha + t + weeks);
        double c = a + b + x - 1;
        double bracket = 1 - Math.exp((a - 1) * Math.log1p(-z) + logHypergeometric(a + b - 1 - r, a - 1, c, z));
        double ifAlive = c / (a - 1) * bracket;
        if (!Double.isFinite(ifAlive) || ifAlive < 0) {
            ifAlive = expectedPurchasesIfAlive(weeks, x, t);
        }
        return ifAlive * probabilityAlive(x, tx, t);
    }

    /**
     * E[purchases in the next {@code weeks} | alive, x, T]: with λ ~ Gamma(r+x, α+T) and p ~ Beta(a, b+x) given the history, an
     * alive customer makes (1 − e^(−λpt))/p purchases in t on average, and λ integrates out to E_p[(1 − ((α+T)/(α+T+pt))^(r+x))
     * / p]. The integral over p is taken with the tanh-sinh (double exponential) rule, written here because Commons Math has no
     * quadrature for integrable endpoint singularities: with p = 1/(1 + e^(−π sinh u)), dp = p(1−p) π cosh u du absorbs the
     * Beta density's p^(a−1)(1−p)^(b+x−1), and the trapezoid rule in u converges doubly exponentially. Used where the closed
     * form fails: ~100 evaluations instead of one.
     */
    double expectedPurchasesIfAlive(double weeks, double x, double t) {
        double shape = r + x;
        double scale = weeks / (alpha + t);
        double beta = b + x;
        double logNorm = logGamma(a + beta) - logGamma(a) - logGamma(beta);
        double sum = contribution(0, shape, scale, beta, logNorm);
        for (int side = -1; side <= 1; side += 2) {
            for (int k = 1; k <= QUADRATURE_STEPS; k++) {
                double term = contribution(side * k * QUADRATURE_STEP, shape, scale, beta, logNorm);
                sum += term;
                if (term < 1e-17 * sum) {
                    break;
                }
            }
        }
        return sum * QUADRATURE_STEP;
    }

    /** One node of {@link #expectedPurchasesIfAlive}: integrand × Beta density × dp/du at u. */
    private double contribution(double u, double shape, double scale, double beta, double logNorm) {
        double s = Math.PI * Math.sinh(u);
        // ln p and ln(1 − p) of p = 1/(1 + e^(−s)), exact where p or 1 − p is far below the smallest double
        double soft = Math.log1p(Math.exp(-Math.abs(s)));
        double logP = s >= 0 ? -soft : s - soft;
        double logQ = s >= 0 ? -s - soft : -soft;
        double p = Math.exp(logP);
        if (p == 0) {
            return 0;
        }
        double perP = -Math.expm1(-shape * Math.log1p(p * scale)) / p;
        return perP * Math.exp(a * logP + beta * logQ + logNorm) * Math.PI * Math.cosh(u);
    }

    /**
     * ln 2F1(p, q; c; z) for 0 ≤ z < 1 by Gauss's series, summed until a term no longer changes the sum. With a and b large
     * (customers who never seem to drop out push them to their bounds) the terms first grow past any double, so the sum is
     * carried with a separate logarithmic scale. NaN where the series is not defined (c ≤ 0), sums to no positive number, or
     * cancels more than 8 of its 16 digits (its largest term above 10^8 times the sum).
     */
    static double logHypergeometric(double p, double q, double c, double z) {
        if (c <= 0) {
            return Double.NaN;
        }
        double term = 1;
        double sum = 1;
        double logScale = 0;
        double largest = 1;
        for (int k = 0; k < MAX_SERIES_TERMS; k++) {
            term *= (p + k) * (q + k) / ((c + k) * (k + 1)) * z;
            sum += term;
            largest = Math.max(largest, Math.abs(term));
            if (Math.abs(sum) > RESCALE) {
                sum /= RESCALE;
                term /= RESCALE;
                largest /= RESCALE;
                logScale += LOG_RESCALE;
            }
            if (Math.abs(term) <= 1e-15 * Math.abs(sum)) {
                break;
            }
        }
        return largest > MAX_CANCELLATION * sum ? Double.NaN : logScale + Math.log(sum);
    }
}
