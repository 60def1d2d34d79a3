package io.ecomanalytics.analytics.anomaly;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.context.ManagedExecutor;

import io.ecomanalytics.analytics.model.SalesFilter;

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
    private final ManagedExecutor executor;

    public AnomalyService(AnomalyRepository repository, AnomalyConfig config, ManagedExecutor executor) {
        this.repository = repository;
        this.config = config;
        this.executor = executor;
    }

    public AnomalyReport detect(SalesFilter range, int limit, String method) {
        long inRange = repository.count(range);
        if (inRange == 0) {
            return new AnomalyReport(method, 0, 0, List.of(), null, new AnomalyReport.Timings(0, 0));
        }
        long start = System.nanoTime();
        boolean svm = ONE_CLASS_SVM.equals(method);
        AnomalyRepository.Medians medians = repository.medians();
        List<AnomalyRepository.OrderRow> sample = repository.sample(range, medians,
                svm ? config.svmTrainingSample() : config.trainingSample(), inRange);
        FeatureEncoder encoder = new FeatureEncoder(sample);
        List<double[]> z = sample.stream().map(row -> encoder.z(encoder.features(row).values())).toList();
        AnomalyDetector detector = svm
                ? OneClassSvm.train(z, config.svmNu(), config.seed())
                : IsolationForest.train(z.toArray(double[][]::new), config.trees(), config.subsample(), config.seed());
        long trained = System.nanoTime();

        Ranking ranking = new Ranking(detector, limit);
        score(range, medians, encoder, ranking);
        long scored = System.nanoTime();
        List<AnomalyReport.AnomalousOrder> orders = ranking.top.stream()
                .sorted(Comparator.comparingDouble(Scored::score).reversed()).map(AnomalyService::describe).toList();
        return new AnomalyReport(method, ranking.log.size, sample.size(), orders, ranking.log.evaluation(),
                new AnomalyReport.Timings((trained - start) / 1_000_000, (scored - trained) / 1_000_000));
    }

    /**
     * Streams the range through the model. PostgreSQL computes a cursor's next rows only when they are fetched, so reading and
     * scoring on one thread would take the sum of both; a worker thread fetches and decodes while this one scores.
     */
    private void score(SalesFilter range, AnomalyRepository.Medians medians, FeatureEncoder encoder, Ranking ranking) {
        Handoff handoff = new Handoff(encoder);
        CompletableFuture<Void> reading = executor.runAsync(() -> {
            try {
                repository.stream(range, medians, handoff);
                handoff.flush();
            } finally {
                handoff.end();
            }
        });
        try {
            for (List<OrderFeatures> orders = handoff.take(); !orders.isEmpty(); orders = handoff.take()) {
                orders.forEach(order -> ranking.add(order, encoder));
            }
            ranking.flush();
        } finally {
            handoff.abandon();
        }
        try {
            reading.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Decoded orders in batches from the reading thread to the scoring one; an empty batch ends the stream. */
    private static final class Handoff implements Consumer<AnomalyRepository.OrderRow> {
        private static final int BATCH = 1024;
        private static final int QUEUED = 16;

        private final FeatureEncoder encoder;
        private final BlockingQueue<List<OrderFeatures>> queue = new ArrayBlockingQueue<>(QUEUED);
        private final AtomicBoolean abandoned = new AtomicBoolean();
        private List<OrderFeatures> batch = new ArrayList<>(BATCH);

        Handoff(FeatureEncoder encoder) {
            this.encoder = encoder;
        }

        @Override
        public void accept(AnomalyRepository.OrderRow row) {
            if (abandoned.get()) {
                throw new CancellationException("scoring stopped");
            }
            batch.add(encoder.features(row));
            if (batch.size() == BATCH) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                put(batch);
                batch = new ArrayList<>(BATCH);
            }
        }

        void end() {
            put(List.of());
        }

        /** The scorer stopped: a reader blocked on the full queue gets room, sees the flag at its next row and stops. */
        void abandon() {
            abandoned.set(true);
            queue.clear();
        }

        List<OrderFeatures> take() {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while scoring orders", e);
            }
        }

        private void put(List<OrderFeatures> orders) {
            try {
                queue.put(orders);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading orders", e);
            }
        }
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

    /** Scores orders a batch at a time (see {@link AnomalyDetector#score(double[][], int, double[])}), keeping the top ones. */
    private static final class Ranking {
        private static final int BATCH = 64;

        final AnomalyDetector detector;
        final int limit;
        final PriorityQueue<Scored> top = new PriorityQueue<>(Comparator.comparingDouble(Scored::score));
        final ScoreLog log = new ScoreLog();
        final OrderFeatures[] orders = new OrderFeatures[BATCH];
        final double[][] z = new double[BATCH][];
        final double[] scores = new double[BATCH];
        int size;

        Ranking(AnomalyDetector detector, int limit) {
            this.detector = detector;
            this.limit = limit;
        }

        void add(OrderFeatures order, FeatureEncoder encoder) {
            orders[size] = order;
            z[size++] = encoder.z(order.values());
            if (size == BATCH) {
                flush();
            }
        }

        void flush() {
            detector.score(z, size, scores);
            for (int i = 0; i < size; i++) {
                double score = scores[i];
                log.add((float) score, orders[i].simulatedFraud());
                if (top.size() < limit) {
                    top.add(new Scored(orders[i], z[i], score));
                } else if (limit > 0 && score > top.peek().score()) {
                    top.poll();
                    top.add(new Scored(orders[i], z[i], score));
                }
            }
            size = 0;
        }
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
            if (positives == 0 || positives == size) {
                return null; // a ranking is judged only against orders of both kinds
            }
            float[] s = Arrays.copyOf(scores, size);
            boolean[] l = Arrays.copyOf(labels, size);
            return new AnomalyReport.Evaluation(positives, round(RankingMetrics.rocAuc(s, l)),
                    round(RankingMetrics.averagePrecision(s, l)), round((double) positives / size));
        }
    }
}
