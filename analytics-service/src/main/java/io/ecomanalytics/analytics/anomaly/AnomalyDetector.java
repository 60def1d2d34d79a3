package io.ecomanalytics.analytics.anomaly;

/** A trained anomaly model: the higher the score of a (standardised) feature vector, the more anomalous. */
public interface AnomalyDetector {
    double score(double[] features);

    /** Scores {@code rows[0..count)} into {@code scores}; a model that can score several rows faster together overrides it. */
    default void score(double[][] rows, int count, double[] scores) {
        for (int r = 0; r < count; r++) {
            scores[r] = score(rows[r]);
        }
    }
}
