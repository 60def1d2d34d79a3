package io.ecomanalytics.analytics.anomaly;

import java.util.Arrays;

/** How well anomaly scores rank known positives first: ROC-AUC and average precision (the area under the PR curve). */
public final class RankingMetrics {
    private RankingMetrics() {
    }

    /**
     * ROC-AUC as the Mann–Whitney statistic: the probability that a random positive scores above a random negative, ties
     * counting one half. NaN without both classes.
     */
    public static double rocAuc(float[] scores, boolean[] positive) {
        int[] order = byScore(scores);
        long positives = 0;
        double rankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1; // ascending ranks, 1-based; ties share their mean rank
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    positives++;
                    rankSum += midRank;
                }
            }
            i = j + 1;
        }
        long negatives = order.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Average precision: the mean over positives of the precision among the rows ranked at or above it (highest first). */
    public static double averagePrecision(float[] scores, boolean[] positive) {
        int[] order = byScore(scores);
        long seen = 0;
        long hits = 0;
        double sum = 0;
        for (int i = order.length - 1; i >= 0; i--) {
            seen++;
            if (positive[order[i]]) {
                hits++;
                sum += (double) hits / seen;
            }
        }
        return hits == 0 ? Double.NaN : sum / hits;
    }

    /**
     * Row indices by ascending score, ties by ascending index: each (score, index) packed into one long and sorted as
     * primitives, which for a million scores takes a fraction of sorting boxed indices with a comparator.
     */
    private static int[] byScore(float[] scores) {
        long[] keys = new long[scores.length];
        for (int i = 0; i < keys.length; i++) {
            int bits = Float.floatToIntBits(scores[i]);
            // flips the magnitude bits of negative floats, so that signed int order is float order
            keys[i] = (long) (bits ^ ((bits >> 31) & 0x7fffffff)) << 32 | i;
        }
        Arrays.sort(keys);
        int[] order = new int[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = (int) keys[i];
        }
        return order;
    }
}
