package io.ecomanalytics.analytics.anomaly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Isolation Forest (Liu, Ting and Zhou, "Isolation Forest", ICDM 2008): an anomaly is isolated by fewer random axis-parallel
 * splits than a normal point, so its mean path length over random trees is short. Each tree grows on a subsample of ψ rows (256
 * in the paper) to height ⌈log2 ψ⌉; the score is s(x) = 2^(−E[h(x)] / c(ψ)), near 1 for anomalies, below 0.5 for normal rows.
 * <p>
 * Written here because no Apache-licensed JVM implementation exists: Tribuo's anomaly module has only the one-class SVM, and
 * Smile's isolation forest is GPL. Small on purpose; seeded, so a model is reproducible.
 */
public final class IsolationForest implements AnomalyDetector {
    /** Euler–Mascheroni constant: H(i) ≈ ln(i) + γ for the harmonic number in c(n). */
    private static final double EULER_GAMMA = 0.5772156649015329;

    private final List<Node> trees;
    private final int subsample;

    private IsolationForest(List<Node> trees, int subsample) {
        this.trees = trees;
        this.subsample = subsample;
    }

    /** Grows {@code trees} trees, each on {@code subsample} rows drawn without replacement (all rows if fewer). */
    public static IsolationForest train(double[][] rows, int trees, int subsample, long seed) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no rows to train on");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int psi = Math.min(subsample, rows.length);
        int heightLimit = (int) Math.ceil(Math.log(psi) / Math.log(2));
        List<Node> forest = new ArrayList<>(trees);
        int[] indices = new int[rows.length];
        for (int t = 0; t < trees; t++) {
            for (int i = 0; i < indices.length; i++) {
                indices[i] = i;
            }
            // partial Fisher–Yates shuffle: the first psi entries are a uniform sample without replacement
            double[][] sample = new double[psi][];
            for (int i = 0; i < psi; i++) {
                int j = i + random.nextInt(indices.length - i);
                int swap = indices[i];
                indices[i] = indices[j];
                indices[j] = swap;
                sample[i] = rows[indices[i]];
            }
            forest.add(grow(sample, 0, heightLimit, random));
        }
        return new IsolationForest(forest, psi);
    }

    /**
     * c(n), the average path length of an unsuccessful search in a binary search tree of n points: 2H(n−1) − 2(n−1)/n, with
     * c(1) = 0 and c(2) = 1 (the exact harmonic number, where the approximation ln(1) + γ would give 0.15).
     */
    public static double averagePathLength(long n) {
        if (n <= 1) {
            return 0;
        }
        if (n == 2) {
            return 1;
        }
        return 2 * (Math.log(n - 1.0) + EULER_GAMMA) - 2.0 * (n - 1) / n;
    }

    /** The mean over the trees of h(x): edges to the leaf plus c(size) of the rows left unsplit there. */
    public double pathLength(double[] x) {
        double sum = 0;
        for (Node tree : trees) {
            sum += pathLength(tree, x);
        }
        return sum / trees.size();
    }

    @Override
    public double score(double[] x) {
        return Math.pow(2, -pathLength(x) / averagePathLength(subsample));
    }

    private static double pathLength(Node node, double[] x) {
        Node current = node;
        int edges = 0;
        while (current.feature >= 0) {
            current = x[current.feature] < current.split ? current.left : current.right;
            edges++;
        }
        return edges + averagePathLength(current.size);
    }

    private static Node grow(double[][] rows, int depth, int heightLimit, SplittableRandom random) {
        if (depth >= heightLimit || rows.length <= 1) {
            return Node.leaf(rows.length);
        }
        int features = rows[0].length;
        double[] min = new double[features];
        double[] max = new double[features];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double[] row : rows) {
            for (int f = 0; f < features; f++) {
                min[f] = Math.min(min[f], row[f]);
                max[f] = Math.max(max[f], row[f]);
            }
        }
        // only a feature that varies here can split these rows; none varies: they are identical, a leaf
        int[] splittable = new int[features];
        int count = 0;
        for (int f = 0; f < features; f++) {
            if (max[f] > min[f]) {
                splittable[count++] = f;
            }
        }
        if (count == 0) {
            return Node.leaf(rows.length);
        }
        int feature = splittable[random.nextInt(count)];
        double split = min[feature] + random.nextDouble() * (max[feature] - min[feature]);
        if (split <= min[feature]) {
            split = Math.nextUp(min[feature]); // nextDouble() may be 0: keep both sides non-empty
        }
        int left = 0;
        for (double[] row : rows) {
            if (row[feature] < split) {
                left++;
            }
        }
        double[][] leftRows = new double[left][];
        double[][] rightRows = new double[rows.length - left][];
        int l = 0;
        int r = 0;
        for (double[] row : rows) {
            if (row[feature] < split) {
                leftRows[l++] = row;
            } else {
                rightRows[r++] = row;
            }
        }
        return new Node(feature, split, grow(leftRows, depth + 1, heightLimit, random),
                grow(rightRows, depth + 1, heightLimit, random), rows.length);
    }

    /** An internal node (feature ≥ 0) or a leaf holding {@code size} rows. */
    private record Node(int feature, double split, Node left, Node right, int size) {
        static Node leaf(int size) {
            return new Node(-1, 0, null, null, size);
        }
    }
}
