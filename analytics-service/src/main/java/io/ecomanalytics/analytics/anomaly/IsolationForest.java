package io.ecomanalytics.analytics.anomaly;

import java.util.Arrays;
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

    /**
     * The trees as flat arrays, one entry per node: scoring a million rows walks them a hundred million times, and arrays keep
     * the walk in cache where linked node objects would not. A node splits on {@code feature} at {@code split}; its left child
     * is entry {@code children}, the right one the next entry, so a step is an index sum instead of a branch the processor
     * would mispredict half the time. A leaf splits at +∞ with itself as left child, so every walk takes exactly {@code height}
     * steps (no exit branch either) and stops on its leaf, which holds its path length h: the edges to it plus c(rows left
     * unsplit). Feature values are finite, so none goes right at a leaf.
     */
    private final int[] roots;
    private final int[] feature;
    private final double[] split;
    private final int[] children;
    private final double[] leafPathLength;
    private final int height;
    private final int subsample;

    private IsolationForest(Builder built, int height, int subsample) {
        this.roots = built.roots;
        this.feature = Arrays.copyOf(built.feature, built.size);
        this.split = Arrays.copyOf(built.split, built.size);
        this.children = Arrays.copyOf(built.children, built.size);
        this.leafPathLength = Arrays.copyOf(built.leafPathLength, built.size);
        this.height = height;
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
        Builder forest = new Builder(trees);
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
            forest.roots[t] = forest.allocate(1);
            forest.grow(forest.roots[t], sample, 0, heightLimit, random);
        }
        return new IsolationForest(forest, heightLimit, psi);
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
        for (int root : roots) {
            int node = root;
            for (int level = 0; level < height; level++) {
                node = children[node] + (x[feature[node]] < split[node] ? 0 : 1);
            }
            sum += leafPathLength[node];
        }
        return sum / roots.length;
    }

    /**
     * Walks each tree for all the rows before the next tree: the rows' walks are independent, so the processor overlaps their
     * memory reads, where one row's walk waits on each read in turn (about half the time per row, measured on 1M rows).
     */
    @Override
    public void score(double[][] rows, int count, double[] scores) {
        int[] nodes = new int[count];
        double[] sums = new double[count];
        for (int root : roots) {
            Arrays.fill(nodes, root);
            for (int level = 0; level < height; level++) {
                for (int r = 0; r < count; r++) {
                    int node = nodes[r];
                    nodes[r] = children[node] + (rows[r][feature[node]] < split[node] ? 0 : 1);
                }
            }
            for (int r = 0; r < count; r++) {
                sums[r] += leafPathLength[nodes[r]];
            }
        }
        double c = averagePathLength(subsample);
        for (int r = 0; r < count; r++) {
            scores[r] = Math.pow(2, -sums[r] / roots.length / c);
        }
    }

    @Override
    public double score(double[] x) {
        return Math.pow(2, -pathLength(x) / averagePathLength(subsample));
    }

    /** The node arrays while the trees grow, each array doubled when full. */
    private static final class Builder {
        final int[] roots;
        int[] feature = new int[1024];
        double[] split = new double[1024];
        int[] children = new int[1024];
        double[] leafPathLength = new double[1024];
        int size;

        Builder(int trees) {
            roots = new int[trees];
        }

        /** Fills entry {@code node} with the (sub)tree of {@code rows}. */
        void grow(int node, double[][] rows, int depth, int heightLimit, SplittableRandom random) {
            if (depth >= heightLimit || rows.length <= 1) {
                leaf(node, depth, rows.length);
                return;
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
                leaf(node, depth, rows.length);
                return;
            }
            int chosen = splittable[random.nextInt(count)];
            double at = min[chosen] + random.nextDouble() * (max[chosen] - min[chosen]);
            if (at <= min[chosen]) {
                at = Math.nextUp(min[chosen]); // nextDouble() may be 0: keep both sides non-empty
            }
            int leftCount = 0;
            for (double[] row : rows) {
                if (row[chosen] < at) {
                    leftCount++;
                }
            }
            double[][] leftRows = new double[leftCount][];
            double[][] rightRows = new double[rows.length - leftCount][];
            int l = 0;
            int r = 0;
            for (double[] row : rows) {
                if (row[chosen] < at) {
                    leftRows[l++] = row;
                } else {
                    rightRows[r++] = row;
                }
            }
            int pair = allocate(2);
            feature[node] = chosen;
            split[node] = at;
            children[node] = pair;
            grow(pair, leftRows, depth + 1, heightLimit, random);
            grow(pair + 1, rightRows, depth + 1, heightLimit, random);
        }

        private void leaf(int node, int depth, int rows) {
            split[node] = Double.POSITIVE_INFINITY;
            children[node] = node;
            leafPathLength[node] = depth + averagePathLength(rows);
        }

        /** Reserves {@code count} consecutive entries and returns the first. */
        int allocate(int count) {
            if (size + count > feature.length) {
                int capacity = 2 * feature.length;
                feature = Arrays.copyOf(feature, capacity);
                split = Arrays.copyOf(split, capacity);
                children = Arrays.copyOf(children, capacity);
                leafPathLength = Arrays.copyOf(leafPathLength, capacity);
            }
            size += count;
            return size - count;
        }
    }
}
