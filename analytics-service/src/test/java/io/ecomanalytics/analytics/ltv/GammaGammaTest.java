package io.ecomanalytics.analytics.ltv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GammaGammaTest {
    /** The CDNOW estimates of Fader and Hardie (2013). */
    private static final GammaGamma CDNOW = new GammaGamma(6.25, 3.74, 15.44);

    @Test
    void logLikelihoodMatchesAnIndependentComputation() {
        // SciPy 1.17, from the density itself:
        // G = scipy.special.gamma; p, q, g = 6.25, 3.74, 15.44
        // f(x, m) = G(p*x+q) / (G(p*x) * G(q)) * g**q * m**(p*x-1) * x**(p*x) / (g + m*x)**(p*x+q)
        // log f(2, 35) + log f(5, 20) = -7.545826961811851
        assertThat(CDNOW.logLikelihood(new double[]{2, 5}, new double[]{35, 20})).isCloseTo(-7.545826961811851,
                within(1e-10));
    }

    @Test
    void shrinksACustomersAverageTowardThePopulation() {
        // (15.44 + 35 * 2) * 6.25 / (6.25 * 2 + 3.74 - 1) = 534 / 15.24 = 35.0394; population mean 15.44 * 6.25 / 2.74
        assertThat(CDNOW.expectedSpend(2, 35)).isCloseTo(35.039370078740156, within(1e-12));
        assertThat(CDNOW.expectedSpend(0, 0)).isCloseTo(15.44 * 6.25 / 2.74, within(1e-12));
    }
}
