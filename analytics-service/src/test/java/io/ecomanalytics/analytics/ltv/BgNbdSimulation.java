package io.ecomanalytics.analytics.ltv;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/** Customers drawn from the BG/NBD story itself, seeded: the ground truth a fit must recover. */
final class BgNbdSimulation {
    private BgNbdSimulation() {
    }

    /**
     * {@code customers} customers first buying at week 0, observed for T ~ uniform(26, 104) weeks (calibration) and then
     * {@code holdoutWeeks} more. Each has λ ~ Gamma(r, rate α) and p ~ Beta(a, b), buys again after Exponential(λ) waits and,
     * after every repeat purchase (FHL 2005: the first purchase is not an occasion to drop out), drops out with probability p.
     */
    static Population simulate(BgNbd truth, int customers, double holdoutWeeks, long seed) {
        RandomGenerator random = new MersenneTwister(seed);
        GammaDistribution rates = new GammaDistribution(random, truth.r(), 1 / truth.alpha());
        BetaDistribution dropouts = new BetaDistribution(random, truth.a(), truth.b());
        double[] x = new double[customers];
        double[] tx = new double[customers];
        double[] t = new double[customers];
        long holdout = 0;
        for (int i = 0; i < customers; i++) {
            double lambda = rates.sample();
            double p = dropouts.sample();
            t[i] = 26 + 78 * random.nextDouble();
            double now = 0;
            boolean alive = true;
            while (alive) {
                now += -Math.log(1 - random.nextDouble()) / lambda;
                if (now > t[i] + holdoutWeeks) {
                    break;
                }
                if (now <= t[i]) {
                    x[i]++;
                    tx[i] = now;
                } else {
                    holdout++;
                }
                alive = random.nextDouble() >= p;
            }
        }
        return new Population(x, tx, t, holdout);
    }

    record Population(double[] x, double[] tx, double[] t, long holdoutPurchases) {
    }
}
