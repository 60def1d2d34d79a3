package io.ecomanalytics.analytics.anomaly;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the order anomaly screening ({@code analytics.anomaly.*}). */
@ConfigMapping(prefix = "analytics.anomaly")
public interface AnomalyConfig {
    /** Orders in the isolation forest's training sample; the forest then draws its subsamples from it. */
    @WithDefault("20000")
    int trainingSample();

    /** Orders in the one-class SVM's training sample (training is quadratic in it). */
    @WithDefault("3000")
    int svmTrainingSample();

    /** Trees of the isolation forest (Liu et al. 2008: path lengths converge well before 100). */
    @WithDefault("100")
    int trees();

    /** Rows per tree, ψ (Liu et al. 2008: 256 is enough across their data sets). */
    @WithDefault("256")
    int subsample();

    /** Seed of the forest, so the same data gives the same ranking. */
    @WithDefault("20080101")
    long seed();

    /** ν of the one-class SVM: an upper bound on the share of training orders left outside the boundary. */
    @WithDefault("0.05")
    double svmNu();

    /** Rows fetched per round trip while scoring. */
    @WithDefault("10000")
    int fetchSize();

    /** Largest accepted {@code limit}. */
    @WithDefault("1000")
    int maxLimit();
}
