package io.ecomanalytics.analytics.anomaly;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.forecast.SalesFilter;

/** Trains an anomaly model on a bounded sample of a period's orders, then streams every order through it. */
@ApplicationScoped
public class AnomalyService {
    public static final String ISOLATION_FOREST = "isolation-forest";
    public static final String ONE_CLASS_SVM = "one-class-svm";
    public static final List<String> METHODS = List.of(ISOLATION_FOREST, ONE_CLASS_SVM);
    /** Features named per flagged order: enough to say why without repeating the whole vector. */
    private static final int STANDOUTS = 3;

    private final AnomalyRepository repository;
    private final AnomalyConfig config;

    public AnomalyService(AnomalyRepository repository, AnomalyConfig config) {
        this.repository = repository;
        this.config = config;
    }

    public AnomalyReport detect(SalesFilter range, int limit, String method) {
        long inRange = repository.count(range);
        if (inRange == 0) {
            return new AnomalyReport(method, 0, 0, List.of(), null, new AnomalyReport.Timings(0, 0));
        }
        long start = System.nanoTime();
        boolean svm = ONE_CLASS_SVM.equals(method);
        List<OrderFeatures> sample = repository.sample(range, svm ? config.svmTrainingSample() : config.trainingSample(),
                inRange);
        Standardizer standardizer = new Standardizer(sample.stream().map(OrderFeatures::values).toArray(double[][]::new));
        List<double[]> z = sample.stream().map(o -> standardizer.z(o.values())).toList();
        AnomalyDetector detector = svm
                ? OneClassSvm.train(z, config.svmNu(), config.seed())
                : IsolationForest.train(z.toArray(double[][]::new), config.trees(), config.subsample(), config.seed());
        long trained = System.nanoTime();

        PriorityQueue<Scored> top = new PriorityQueue<>(Comparator.comparingDouble(Scored::score));
        ScoreLog log = new ScoreLog();
        repository.stream(range, order -> {
            double[] zs = standardizer.z(order.values());
            double score = detector.score(zs);
            log.add((float) score, order.simulatedFraud());
            if (top.size() < limit) {
                top.add(new Scored(order, zs, score));
            } else if (limit > 0 && score > top.peek().score()) {
                top.poll();
                top.add(new Scored(order, zs, score));
            }
        });
        long scored = System.nanoTime();
        List<AnomalyReport.AnomalousOrder> orders = top.stream().sorted(Comparator.comparingDouble(Scored::score).reversed())
                .map(AnomalyService::describe).toList();
        return new AnomalyReport(method, log.size, sample.size(), orders, log.evaluation(),
                new AnomalyReport.Timings((trained - start) / 1_000_000, (scored - trained) / 1_000_000));
    }

    private static AnomalyReport.AnomalousOrder describe(Scored s) {
        Integer[] byDistance = new Integer[s.z().length];
        Arrays.setAll(byDistance, i -> i);
        Arrays.sort(byDistance, Comparator.comparingDouble(i -> -Math.abs(s.z()[i])));
        List<AnomalyReport.Feature> standouts = new ArrayList<>();
        for (int k = 0; k < Math.min(STANDOUTS, byDistance.length); k++) {
            int f = byDistance[k];
            standouts.add(new AnomalyReport.Feature(OrderFeatures.NAMES.get(f), round(s.order().values()[f]),
                    round(s.z()[f])));
        }
        return new AnomalyReport.AnomalousOrder(s.order().orderId(), s.order().customerId(), s.order().orderedAt(),
                round(s.score()), BigDecimal.valueOf(s.order().values()[0]).setScale(2, RoundingMode.HALF_UP), standouts);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private record Scored(OrderFeatures order, double[] z, double score) {
    }

    /** Every score with its simulated-fraud label (5 bytes an order), for the ranking metrics over the whole period. */
    private static final class ScoreLog {
        private float[] scores = new float[1024];
        private boolean[] labels = new boolean[1024];
        private int size;
        private long positives;

        void add(float score, boolean label) {
            if (size == scores.length) {
                scores = Arrays.copyOf(scores, size * 2);
                labels = Arrays.copyOf(labels, size * 2);
            }
            scores[size] = score;
            labels[size++] = label;
            positives += label ? 1 : 0;
        }

        AnomalyReport.Evaluation evaluation() {
            if (positives == 0) {
                return null;
            }
            float[] s = Arrays.copyOf(scores, size);
            boolean[] l = Arrays.copyOf(labels, size);
            return new AnomalyReport.Evaluation(positives, round(RankingMetrics.rocAuc(s, l)),
                    round(RankingMetrics.averagePrecision(s, l)), round((double) positives / size));
        }
    }
}
