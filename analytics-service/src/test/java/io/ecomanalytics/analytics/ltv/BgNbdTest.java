package io.ecomanalytics.analytics.ltv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class BgNbdTest {
    /** The CDNOW estimates of Fader, Hardie and Lee (2005), in weeks. */
    private static final BgNbd CDNOW = new BgNbd(0.243, 4.414, 0.793, 2.426);

    /*
     * Expected values computed independently with SciPy 1.17 from the untransformed formulas (no logs, no Euler transform):
     *
     * from scipy.special import gamma as G, beta as B, hyp2f1
     * import math
     * r, al, a, b = 0.243, 4.414, 0.793, 2.426
     * def L(x, tx, T):
     *     v = B(a, b + x) / B(a, b) * G(r + x) * al**r / G(r) / (al + T)**(r + x)
     *     if x > 0: v += B(a + 1, b + x - 1) / B(a, b) * G(r + x) * al**r / G(r) / (al + tx)**(r + x)
     *     return math.log(v)
     * def E(t, x, tx, T):
     *     num = (a+b+x-1)/(a-1) * (1 - ((al+T)/(al+T+t))**(r+x) * hyp2f1(r+x, b+x, a+b+x-1, t/(al+T+t)))
     *     return num / (1 + (x > 0) * (a/(b+x-1)) * ((al+T)/(al+tx))**(r+x))
     * customers (x, t_x, T) = (0, 0, 38.86), (2, 30.43, 38.86), (5, 34, 40)
     */
    @Test
    void logLikelihoodMatchesAnIndependentComputation() {
        assertThat(CDNOW.logLikelihood(0, 0, 38.86)).isCloseTo(-0.5547132764381585, within(1e-10));
        assertThat(CDNOW.logLikelihood(2, 30.43, 38.86)).isCloseTo(-9.45860630706627, within(1e-10));
        assertThat(CDNOW.logLikelihood(5, 34.0, 40.0)).isCloseTo(-17.97062441651593, within(1e-10));
        assertThat(CDNOW.logLikelihood(new double[]{0, 2, 5}, new double[]{0, 30.43, 34}, new double[]{38.86, 38.86, 40}))
                .isCloseTo(-27.983944000020358, within(1e-10));
    }

    @Test
    void expectedPurchasesAndProbabilityAliveMatchAnIndependentComputation() {
        assertThat(CDNOW.expectedPurchases(39, 0, 0, 38.86)).isCloseTo(0.19509805201125396, within(1e-9));
        assertThat(CDNOW.expectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226028174767135, within(1e-9));
        assertThat(CDNOW.expectedPurchases(39, 5, 34, 40)).isCloseTo(2.9479154459527797, within(1e-9));
        assertThat(CDNOW.probabilityAlive(0, 0, 38.86)).isEqualTo(1.0);
        assertThat(CDNOW.probabilityAlive(2, 30.43, 38.86)).isCloseTo(0.726578570080673, within(1e-12));
        assertThat(CDNOW.probabilityAlive(5, 34, 40)).isCloseTo(0.7910643925605606, within(1e-12));
    }

    @Test
    void staysFiniteForAFrequentBuyerLongSilent() {
        // (α+T)/(α+t_x) = 204.4/14.4, to the power 500.2, is about 10^576: beyond a double, not beyond its logarithm
        assertThat(CDNOW.logLikelihood(500, 10, 200)).isFinite();
        assertThat(CDNOW.probabilityAlive(500, 10, 200)).isBetween(0.0, 1e-300);
        assertThat(CDNOW.expectedPurchases(52, 500, 199, 200)).isFinite().isPositive();
    }

    /*
     * Where a fit on few customers lands in a corner of the parameter space, FHL's closed form fails in doubles: a + b = 1
     * makes c = a + b + x - 1 zero for x = 0 (the series is undefined), r = 50 against a + b = 5 makes it cancel every digit.
     * Expected values from mpmath 1.3 at 50 digits, integrating over the dropout probability with each end's singularity
     * substituted away (p = v^(1/a) below 1/2, 1 - p = w^(1/(b+x)) above); it agrees with the closed form to 25 digits on the
     * CDNOW customer (0, 0, 38.86):
     *
     * from mpmath import mp, mpf, quad, beta as B
     * mp.dps = 50
     * def E(t, x, tx, T, r, al, a, b):
     *     r, al, a, b, t, T, tx = [mpf(v) for v in (r, al, a, b, t, T, tx)]
     *     be = b + x
     *     g = lambda p: (1 - ((al+T)/(al+T+p*t))**(r+x)) / p
     *     left = quad(lambda v: g(v**(1/a)) * (1 - v**(1/a))**(be-1) / a, [0, mpf(1)/2**a])
     *     right = quad(lambda w: g(1 - w**(1/be)) * (1 - w**(1/be))**(a-1) / be, [0, mpf(1)/2**be])
     *     alive = 1 / (1 + (x > 0) * (a/(be-1)) * ((al+T)/(al+tx))**(r+x))
     *     return (left + right) / B(a, be) * alive
     */
    @Test
    void valuesTheCornersWhereTheClosedFormFails() {
        BgNbd aPlusBIsOne = new BgNbd(0.1, 1, 0.9, 0.1);
        assertThat(BgNbd.logHypergeometric(0.9 + 0.1 - 1 - 0.1, 0.9 - 1, 0.9 + 0.1 - 1, 52.0 / 103)).isNaN();
        assertThat(aPlusBIsOne.expectedPurchases(52, 0, 0, 50)).isCloseTo(0.07056836784534052, within(1e-12));
        assertThat(aPlusBIsOne.expectedPurchases(52, 3, 20, 50)).isCloseTo(0.2908474223932644, within(1e-12));
        assertThat(new BgNbd(0.5, 10, 0.9, 0.1).expectedPurchases(4.348, 0, 0, 50))
                .isCloseTo(0.03455679850125017, within(1e-12));
        BgNbd cancelling = new BgNbd(50, 0.1, 5, 0.001);
        assertThat(BgNbd.logHypergeometric(5 + 0.001 - 1 - 50, 5 - 1, 5 + 0.001 - 1, 52 / 53.1)).isNaN();
        assertThat(cancelling.expectedPurchases(52, 0, 0, 1)).isCloseTo(1.0002499999999998, within(1e-12));
    }

    @Test
    void theIntegralAgreesWithTheClosedFormWhereTheClosedFormHolds() {
        for (double r : new double[]{0.243, 1, 5}) {
            for (double a : new double[]{0.793, 1.5, 3}) {
                for (double b : new double[]{0.5, 2.426}) {
                    BgNbd model = new BgNbd(r, 4.414, a, b);
                    for (double x : new double[]{0, 2, 10}) {
                        for (double weeks : new double[]{4.348, 52}) {
                            double closed = (a + b + x - 1) / (a - 1) * (1 - Math.exp((a - 1) * Math.log1p(-weeks
                                    / (4.414 + 40 + weeks)) + BgNbd.logHypergeometric(a + b - 1 - r, a - 1, a + b + x - 1,
                                            weeks / (4.414 + 40 + weeks))));
                            assertThat(model.expectedPurchasesIfAlive(weeks, x, 40)).as("r %s a %s b %s x %s", r, a, b, x)
                                    .isCloseTo(closed, within(1e-10 * Math.max(1, closed)));
                        }
                    }
                }
            }
        }
    }

    @Test
    void recoversSimulatedParametersAndPredictsTheHoldout() {
        BgNbd truth = new BgNbd(0.5, 6, 0.7, 2.5);
        BgNbdSimulation.Population population = BgNbdSimulation.simulate(truth, 30_000, 26, 20260101L);

        BgNbd fitted = BgNbd.fit(population.x(), population.tx(), population.t());

        assertThat(fitted.r()).isCloseTo(truth.r(), Percentage.withPercentage(15));
        assertThat(fitted.alpha()).isCloseTo(truth.alpha(), Percentage.withPercentage(15));
        assertThat(fitted.a()).isCloseTo(truth.a(), Percentage.withPercentage(15));
        assertThat(fitted.b()).isCloseTo(truth.b(), Percentage.withPercentage(15));
        double predicted = 0;
        for (int i = 0; i < population.x().length; i++) {
            predicted += fitted.expectedPurchases(26, population.x()[i], population.tx()[i], population.t()[i]);
        }
        assertThat(predicted).isCloseTo(population.holdoutPurchases(), Percentage.withPercentage(10));
    }
}
