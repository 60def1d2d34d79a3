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

    /**
     * Rows per tree, ψ. Liu et al. (2008) found 256 enough across their data sets, but there every kind of anomaly stands out
     * on several features; the simulator's four kinds of fraud are each about 0.12% of orders and each stands out on one or two
     * features that are constant in ordinary orders (price deviation, orders within 24 h), so a feature can only split a tree
     * whose subsample holds one of them: with 256 rows, 28% of the trees. Measured on a simulated 5-year store (1M orders, 0.5%
     * fraud, docs/models.md): ψ = 256 gives ROC-AUC 0.947 and AUPRC 0.35, 1024 gives 0.98–0.99 and 0.50–0.63 by seed, 2048
     * gives 0.993 and 0.69 (goals 0.95 and 0.5).
     */
    @WithDefault("2048")
    int subsample();

    /**
     * Height limit of the forest's trees (0: the paper's ⌈log2 ψ⌉, 11 for ψ = 2048). Below it a path only tells ordinary orders
     * apart from each other: the planted frauds end higher up, mostly by the range check. Measured on both simulated stores
     * with three seeds each (docs/models.md): 8 gave AUPRC 0.83–0.90 and scored a million orders in 2.3–2.5 s; 11 gave
     * 0.82–0.87 in 2.8–3.6 s; 7 fell to 0.80.
     */
    @WithDefault("8")
    int heightLimit();

    /** Seed of the forest, so the same data gives the same ranking. */
    @WithDefault("20080101")
    long seed();

    /** ν of the one-class SVM: an upper bound on the share of training orders left outside the boundary. */
    @WithDefault("0.05")
    double svmNu();

    /**
     * Threads scoring the streamed orders (0: one per processor). PostgreSQL's cursor is read by one more thread; with several
     * scorers the stream, not the forest, sets the pace.
     */
    @WithDefault("0")
    int scoringThreads();

    /** Rows fetched per round trip while scoring. */
    @WithDefault("10000")
    int fetchSize();

    /** Largest accepted {@code limit}. */
    @WithDefault("1000")
    int maxLimit();
}
