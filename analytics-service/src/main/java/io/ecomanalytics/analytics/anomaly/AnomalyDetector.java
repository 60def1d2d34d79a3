package io.ecomanalytics.analytics.anomaly;

/** A trained anomaly model: the higher the score of a (standardised) feature vector, the more anomalous. */
public interface AnomalyDetector {
    double score(double[] features);
}
