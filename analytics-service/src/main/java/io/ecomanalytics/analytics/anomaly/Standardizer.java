package io.ecomanalytics.analytics.anomaly;

/**
 * Per-feature z-scores with the mean and standard deviation of the training sample: puts features in one scale for the SVM's
 * RBF kernel and says how far from usual a value is. A constant feature keeps deviation 1 (its z is 0 in training).
 */
public final class Standardizer {
    private final double[] mean;
    private final double[] sd;

    public Standardizer(double[][] rows) {
        int features = rows[0].length;
        mean = new double[features];
        sd = new double[features];
        for (double[] row : rows) {
            for (int f = 0; f < features; f++) {
                mean[f] += row[f] / rows.length;
            }
        }
        for (double[] row : rows) {
            for (int f = 0; f < features; f++) {
                sd[f] += (row[f] - mean[f]) * (row[f] - mean[f]) / rows.length;
            }
        }
        for (int f = 0; f < features; f++) {
            sd[f] = sd[f] > 0 ? Math.sqrt(sd[f]) : 1;
        }
    }

    public double[] z(double[] row) {
        double[] z = new double[row.length];
        for (int f = 0; f < row.length; f++) {
            z[f] = (row[f] - mean[f]) / sd[f];
        }
        return z;
    }
}
