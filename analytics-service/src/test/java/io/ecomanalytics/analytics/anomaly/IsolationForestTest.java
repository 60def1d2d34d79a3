package io.ecomanalytics.analytics.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class IsolationForestTest {

    @Test
    void averagePathLengthFollowsThePaper() {
        // c(n) = 2(ln(n-1) + 0.5772156649) - 2(n-1)/n
        // c(3) = 2(0.6931472 + 0.5772157) - 4/3 = 1.2073924; c(4) = 2(1.0986123 + 0.5772157) - 1.5 = 1.8516559;
        // c(256) = 2(5.5412635 + 0.5772157) - 510/256 = 10.2447709
        assertThat(IsolationForest.averagePathLength(1)).isZero();
        assertThat(IsolationForest.averagePathLength(2)).isEqualTo(1.0);
        assertThat(IsolationForest.averagePathLength(3)).isCloseTo(1.2073923576, within(1e-9));
        assertThat(IsolationForest.averagePathLength(4)).isCloseTo(1.8516559071, within(1e-9));
        assertThat(IsolationForest.averagePathLength(256)).isCloseTo(10.2447709201, within(1e-9));
    }

    @Test
    void isolatesTheOddPointInOneSplitOfATinySet() {
        // rows 0 0 0 10, psi = 4, height limit ceil(log2 4) = 2. Every tree's root splits somewhere in (0, 10):
        // 10 is alone after one edge, h = 1 + c(1) = 1; the three zeros cannot be split (constant), so they end in a
        // leaf of 3 at depth 1, h = 1 + c(3) = 2.2073924. Score of 10 = 2^(-1 / c(4)) = 2^(-0.5400563) = 0.6877437;
        // score of 0 = 2^(-2.2073924 / 1.8516559) = 0.4376599.
        IsolationForest forest = IsolationForest.train(new double[][]{{0}, {0}, {0}, {10}}, 10, 4, 0, 1);

        assertThat(forest.pathLength(new double[]{10})).isEqualTo(1.0);
        assertThat(forest.pathLength(new double[]{0})).isCloseTo(2.2073923576, within(1e-9));
        assertThat(forest.score(new double[]{10})).isCloseTo(0.6877436678, within(1e-9));
        assertThat(forest.score(new double[]{0})).isCloseTo(0.4376598632, within(1e-9));
    }

    @Test
    void endsThePathOfAValueBeyondTheNodesRangeByMoreThanItsWidth() {
        // rows 0 0 0 10, psi = 4: the root's range is [0, 10], widened by its width (10) on either side to [-10, 20], and it
        // splits somewhere in (0, 10). -15 lies outside: isolated at the root, h = 1 + c(1) = 1. -5 lies inside and goes left
        // with the three zeros, a leaf at depth 1 (identical rows), h = 1 + c(3) = 2.2073924 - as -15 would without the check.
        // 15 goes right with the 10, alone at depth 1: h = 1.
        IsolationForest forest = IsolationForest.train(new double[][]{{0}, {0}, {0}, {10}}, 10, 4, 0, 1);

        assertThat(forest.pathLength(new double[]{-15})).isEqualTo(1.0);
        assertThat(forest.pathLength(new double[]{25})).isEqualTo(1.0);
        assertThat(forest.pathLength(new double[]{-5})).isCloseTo(2.2073923576, within(1e-9));
        assertThat(forest.pathLength(new double[]{15})).isEqualTo(1.0);
    }

    @Test
    void checksAFeatureThatNeverVariesInTraining() {
        // 2000 standard normal rows on four features and a fifth that is always 0 (as the simulator's price deviation is for
        // every ordinary order). A row central on the four but 3 on the fifth is unlike every training row: each node that
        // draws the fifth feature (one in five) ends its path there. The paper's trees never draw a constant feature, so it
        // scored exactly as the central row.
        Random random = new Random(5);
        double[][] rows = new double[2000][5];
        for (double[] row : rows) {
            for (int f = 0; f < 4; f++) {
                row[f] = random.nextGaussian();
            }
        }
        IsolationForest forest = IsolationForest.train(rows, 100, 256, 0, 9);

        double central = forest.score(new double[]{0, 0, 0, 0, 0});
        double unlike = forest.score(new double[]{0, 0, 0, 0, 3});
        long rowsAbove = java.util.Arrays.stream(rows).filter(row -> forest.score(row) >= unlike).count();
        assertThat(central).isLessThan(0.45);
        assertThat(unlike).isGreaterThan(0.6);
        assertThat(rowsAbove).isLessThan(10);
    }

    @Test
    void ranksAPlantedClusterOfOutliersFirst() {
        // 2000 standard normal rows in 5 dimensions and, like a fraud ring, 20 rows close together 4 standard deviations
        // out on two features (5.7 from the centre; no normal row of this size comes that far on both)
        Random random = new Random(42);
        double[][] rows = new double[2020][5];
        for (int i = 0; i < rows.length; i++) {
            for (int f = 0; f < 5; f++) {
                rows[i][f] = i < 2000 ? random.nextGaussian() : 0.3 * random.nextGaussian();
            }
            if (i >= 2000) {
                rows[i][0] += 4;
                rows[i][1] -= 4;
            }
        }
        IsolationForest forest = IsolationForest.train(rows, 100, 256, 0, 7);

        float[] scores = new float[rows.length];
        boolean[] planted = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            scores[i] = (float) forest.score(rows[i]);
            planted[i] = i >= 2000;
        }
        long plantedInTop20 = IntStream.range(0, rows.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -scores[i])).limit(20).filter(i -> i >= 2000).count();
        assertThat(plantedInTop20).isGreaterThanOrEqualTo(15);
        assertThat(RankingMetrics.rocAuc(scores, planted)).isGreaterThan(0.99);
        assertThat(forest.score(rows[2000])).isGreaterThan(0.6);
        assertThat(forest.score(rows[0])).isLessThan(0.5);
    }

    @Test
    void scoresABatchExactlyAsItScoresEachRow() {
        Random random = new Random(3);
        double[][] rows = new double[300][4];
        for (double[] row : rows) {
            for (int f = 0; f < row.length; f++) {
                row[f] = random.nextGaussian();
            }
        }
        IsolationForest forest = IsolationForest.train(rows, 50, 64, 0, 11);

        double[] batch = new double[rows.length];
        forest.score(rows, rows.length, batch);

        for (int i = 0; i < rows.length; i++) {
            assertThat(batch[i]).isEqualTo(forest.score(rows[i]));
        }
    }

    @Test
    void sameSeedSameModel() {
        double[][] rows = {{1, 2}, {2, 1}, {3, 5}, {8, 1}, {0, 0}};
        IsolationForest a = IsolationForest.train(rows, 20, 4, 0, 99);
        IsolationForest b = IsolationForest.train(rows, 20, 4, 0, 99);

        assertThat(a.score(new double[]{8, 1})).isEqualTo(b.score(new double[]{8, 1}));
    }
}
