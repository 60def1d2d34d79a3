package io.ecomanalytics.analytics.anomaly;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Isolation Forest (Liu, Ting and Zhou, "Isolation Forest", ICDM 2008): an anomaly is isolated by fewer random axis-parallel
 * splits than a normal point, so its mean path length over random trees is short. Each tree grows on a subsample of ψ rows (256
 * in the paper) to height ⌈log2 ψ⌉; the score is s(x) = 2^(−E[h(x)] / c(ψ)), near 1 for anomalies, below 0.5 for normal rows.
 * <p>
 * Two things the paper's trees miss, added here:
 * <ul>
 * <li><b>A range check</b> (as in SCiForest: Liu, Ting and Zhou, "On Detecting Clustered Anomalies Using SCiForest", ECML PKDD
 * 2010): each node keeps the range of its training rows on its attribute, widened by {@value #RANGE_MARGIN} times its width on
 * either side, and a scored value outside it ends the path there, isolated one edge below the node. Without it, a value far
 * beyond every training row only follows the side of the largest ones, as if it were the largest ordinary value.</li>
 * <li><b>Every attribute may be drawn</b>, as in the paper's iTree, also one constant over the node's rows: that node splits
 * nothing (its rows all go on) but checks the range, which is then the constant itself. Otherwise a feature that never varies
 * among ordinary orders (the simulator sells at list price: every ordinary line's price deviation is 0) is never looked at
 * below the few nodes that hold a training anomaly, and an order unlike every training row in it scores as ordinary. On a
 * million simulated orders the two took the planted fraud's AUPRC from 0.73 to 0.85-0.87 (ROC-AUC 0.995 to 0.999).</li>
 * </ul>
 * <p>
 * Written here because no Apache-licensed JVM implementation exists: Tribuo's anomaly module has only the one-class SVM, and
 * Smile's isolation forest is GPL. Small on purpose; seeded, so a model is reproducible.
 */
public final class IsolationForest implements AnomalyDetector {
    /**
     * How far beyond a node's training range, in widths of that range, a value is still on the node's side. 1 measured best of
     * 0.25, 0.5 and 1 on both simulated stores (0: a scored row a little beyond a small node's rows ended there too often).
     */
    static final double RANGE_MARGIN = 1;

    /** Euler–Mascheroni constant: H(i) ≈ ln(i) + γ for the harmonic number in c(n). */
    private static final double EULER_GAMMA = 0.5772156649015329;

    /**
     * The trees as flat arrays, one entry per node: scoring a million rows walks them a hundred million times, and arrays keep
     * the walk in cache where linked node objects would not. A node on {@code feature} has four children from entry
     * {@code children}: isolated below {@code low}, left (below {@code split}), right, isolated above {@code high}; a value v
     * steps to {@code children + (v ≥ low) + (v ≥ split) + (v > high)}, an index sum instead of branches the processor would
     * mispredict. A leaf has low −∞, split and high +∞ and the entry before it as {@code children}, so it steps to itself:
     * every walk takes exactly {@code height} steps (no exit branch either) and stops on its leaf, which holds its path length
     * h: the edges to it plus c(rows left unsplit). Feature values are finite.
     */
    private final int[] roots;
    private final int[] feature;
    private final double[] low;
    private final double[] split;
    private final double[] high;
    private final int[] children;
    private final double[] leafPathLength;
    private final int height;
    private final int subsample;

    private IsolationForest(Builder built, int height, int subsample) {
        this.roots = built.roots;
        this.feature = Arrays.copyOf(built.feature, built.size);
        this.low = Arrays.copyOf(built.low, built.size);
        this.split = Arrays.copyOf(built.split, built.size);
        this.high = Arrays.copyOf(built.high, built.size);
        this.children = Arrays.copyOf(built.children, built.size);
        this.leafPathLength = Arrays.copyOf(built.leafPathLength, built.size);
        this.height = height;
        this.subsample = subsample;
    }

    /**
     * Grows {@code trees} trees, each on {@code subsample} rows drawn without replacement (all rows if fewer), to height
     * {@code heightLimit} (0: the paper's ⌈log2 ψ⌉).
     */
    public static IsolationForest train(double[][] rows, int trees, int subsample, int heightLimit, long seed) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no rows to train on");
        }

        SplittableRandom random = new SplittableRandom(seed);
        int psi = Math.min(subsample, rows.length);
        int height = heightLimit > 0 ? heightLimit : (int) Math.ceil(Math.log(psi) / Math.log(2));
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
            forest.grow(forest.roots[t], sample, 0, height, random);
        }
        return new IsolationForest(forest, height, psi);
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

    private int step(int node, double value) {
        return children[node] + (value >= low[node] ? 1 : 0) + (value >= split[node] ? 1 : 0) + (value > high[node] ? 1 : 0);
    }

    /** The mean over the trees of h(x): edges to the leaf plus c(size) of the rows left unsplit there. */
    public double pathLength(double[] x) {
        double sum = 0;
        for (int root : roots) {
            int node = root;
            for (int level = 0; level < height; level++) {
                node = step(node, x[feature[node]]);
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
                    nodes[r] = step(node, rows[r][feature[node]]);
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
        double[] low = new double[1024];
        double[] split = new double[1024];
        double[] high = new double[1024];
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
            boolean identical = true;
            for (int f = 0; f < features; f++) {
                identical &= max[f] == min[f];
            }
            if (identical) {
                leaf(node, depth, rows.length); // the paper's third stop: nothing left to split
                return;
            }
            int chosen = random.nextInt(features);
            double width = max[chosen] - min[chosen];
            double at;
            if (width == 0) {
                at = Math.nextUp(max[chosen]); // a constant: every row goes left, only the range check acts here
            } else {
                at = min[chosen] + random.nextDouble() * width;
                if (at <= min[chosen]) {
                    at = Math.nextUp(min[chosen]); // nextDouble() may be 0: keep both sides non-empty
                }
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
            int block = allocate(4);
            feature[node] = chosen;
            low[node] = min[chosen] - RANGE_MARGIN * width;
            split[node] = at;
            high[node] = max[chosen] + RANGE_MARGIN * width;
            children[node] = block;
            leaf(block, depth + 1, 1);
            grow(block + 1, leftRows, depth + 1, heightLimit, random);
            grow(block + 2, rightRows, depth + 1, heightLimit, random);
            leaf(block + 3, depth + 1, 1);
        }

        private void leaf(int node, int depth, int rows) {
            low[node] = Double.NEGATIVE_INFINITY;
            split[node] = Double.POSITIVE_INFINITY;
            high[node] = Double.POSITIVE_INFINITY;
            children[node] = node - 1;
            leafPathLength[node] = depth + averagePathLength(rows);
        }

        /** Reserves {@code count} consecutive entries and returns the first. */
        int allocate(int count) {
            if (size + count > feature.length) {
                int capacity = 2 * feature.length;
                feature = Arrays.copyOf(feature, capacity);
                low = Arrays.copyOf(low, capacity);
                split = Arrays.copyOf(split, capacity);
                high = Arrays.copyOf(high, capacity);
                children = Arrays.copyOf(children, capacity);
                leafPathLength = Arrays.copyOf(leafPathLength, capacity);
            }
            size += count;
            return size - count;
        }
    }
}
