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

    /** The {@code limit} most anomalous orders of the range ranked after {@code after} (from the top when null). */
    public AnomalyReport detect(SalesFilter range, int limit, String method, RankCursor after) {
        return run(range, limit, method, null, after);
    }

    /**
     * Every order of the range ranked, most anomalous first (the whole list of an export): scored as {@link #detect} scores
     * them, each kept in a few primitive columns ({@link AllScores}) until the ranking is known, then read one at a time.
     */
    public AllScores.Ranked rankAll(SalesFilter range, String method) {
        AllScores all = new AllScores();
        AnomalyReport report = run(range, 0, method, all, null);
        return all.rank(report);
    }

    private AnomalyReport run(SalesFilter range, int limit, String method, AllScores all, RankCursor after) {
        long inRange = repository.count(range);
        if (inRange == 0) {
            return new AnomalyReport(method, 0, 0, List.of(), null, null, new AnomalyReport.Timings(0, 0));
        }
        long start = System.nanoTime();
        boolean svm = ONE_CLASS_SVM.equals(method);
        // two independent passes over the data, one on each connection
        CompletableFuture<AnomalyRepository.Neighbours> counting = executor.supplyAsync(() -> repository.neighbours(range));
        AnomalyRepository.Medians medians = repository.medians();
        AnomalyRepository.Customers customers = repository.customers();
        AnomalyRepository.Lookups lookups = new AnomalyRepository.Lookups(medians, join(counting), customers);
        List<AnomalyRepository.OrderRow> sample = repository.sample(range, lookups,
                svm ? config.svmTrainingSample() : config.trainingSample(), inRange);
        FeatureEncoder encoder = new FeatureEncoder(sample);
        List<double[]> z = sample.stream().map(row -> encoder.z(encoder.features(row).values())).toList();
        AnomalyDetector detector = svm
                ? OneClassSvm.train(z, config.svmNu(), config.seed())
                : IsolationForest.train(z.toArray(double[][]::new), config.trees(), config.subsample(),
                        config.heightLimit(), config.seed());
        long trained = System.nanoTime();

        int threads = config.scoringThreads() > 0 ? config.scoringThreads() : Runtime.getRuntime().availableProcessors();
        List<Ranking> rankings = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            rankings.add(new Ranking(detector, limit, all, after));
        }
        score(range, lookups, encoder, rankings);
        long scored = System.nanoTime();
        ScoreLog log = new ScoreLog();
        rankings.forEach(r -> log.addAll(r.log));
        // ties broken by order id, so the ranking does not depend on which thread scored which order
        List<Scored> page = rankings.stream().flatMap(r -> r.top.stream()).sorted(Ranking.BEST_FIRST).limit(limit)
                .toList();
        long ranked = rankings.stream().mapToLong(r -> r.ranked).sum();
        Scored last = page.isEmpty() ? null : page.get(page.size() - 1);
        String next = last != null && ranked > page.size()
                ? new RankCursor(last.order().orderId(), last.score()).toString()
                : null;
        List<AnomalyReport.AnomalousOrder> orders = page.stream().map(AnomalyService::describe).toList();
        return new AnomalyReport(method, log.size, sample.size(), orders, next, log.evaluation(),
                new AnomalyReport.Timings((trained - start) / 1_000_000, (scored - trained) / 1_000_000));
    }

    /**
     * Streams the range through the model. PostgreSQL computes a cursor's next rows only when they are fetched, so reading and
     * scoring on one thread would take the sum of both: a worker thread fetches and decodes while this one and the other
     * rankings' threads score (each ranking is used by one thread only). The first to fail stops the others and the reader.
     */
    private void score(SalesFilter range, AnomalyRepository.Lookups lookups, FeatureEncoder encoder,
            List<Ranking> rankings) {
        Handoff handoff = new Handoff(encoder);
        CompletableFuture<Void> reading = executor.runAsync(() -> {
            try {
                repository.stream(range, lookups, handoff);
                handoff.flush();
            } finally {
                handoff.end();
            }
        });
        List<CompletableFuture<Void>> scorers = new ArrayList<>();
        for (Ranking ranking : rankings.subList(1, rankings.size())) {
            scorers.add(executor.runAsync(() -> drain(handoff, ranking, encoder)));
        }
        drain(handoff, rankings.get(0), encoder);
        scorers.forEach(AnomalyService::join);
        join(reading);
    }

    /** What a task returned, or what it threw. */
    private static <T> T join(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static void drain(Handoff handoff, Ranking ranking, FeatureEncoder encoder) {
        try {
            for (List<OrderFeatures> orders = handoff.take(); orders != Handoff.END; orders = handoff.take()) {
                orders.forEach(order -> ranking.add(order, encoder));
            }
            ranking.flush();
        } catch (RuntimeException | Error e) {
            handoff.abandon();
            throw e;
        }
    }

    /**
     * Decoded orders in batches from the reading thread to the scoring ones. The empty batch ends the stream: a scorer that
     * takes it puts it back for the next one.
     */
    private static final class Handoff implements Consumer<AnomalyRepository.OrderRow> {
        private static final int BATCH = 1024;
        private static final int QUEUED = 16;
        private static final List<OrderFeatures> END = List.of();

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
            put(END);
        }

        /**
         * A scorer failed: a reader blocked on the full queue gets room, sees the flag at its next row and stops; the other
         * scorers find the end of the stream.
         */
        void abandon() {
            abandoned.set(true);
            queue.clear();
            queue.offer(END);
        }

        List<OrderFeatures> take() {
            try {
                List<OrderFeatures> orders = queue.take();
                if (orders == END) {
                    // the reader puts nothing after the end, so a taken batch has left room for it
                    queue.offer(END);
                }
                return orders;
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

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private record Scored(OrderFeatures order, double[] z, double score) {
    }

    /** Scores orders a batch at a time (see {@link AnomalyDetector#score(double[][], int, double[])}), keeping the top ones. */
    private static final class Ranking {
        private static final int BATCH = 512;

        /** Most anomalous first; equal scores by order id, so every page boundary is one place. */
        static final Comparator<Scored> BEST_FIRST = Comparator.comparingDouble(Scored::score).reversed()
                .thenComparingLong(s -> s.order().orderId());

        final AnomalyDetector detector;
        final int limit;
        final AllScores all;
        final RankCursor after;
        /** The page so far, its worst at the head. */
        final PriorityQueue<Scored> top = new PriorityQueue<>(BEST_FIRST.reversed());
        /** Orders ranked after the cursor (all of them without one): whether a next page exists. */
        long ranked;
        final ScoreLog log = new ScoreLog();
        final OrderFeatures[] orders = new OrderFeatures[BATCH];
        final double[][] z = new double[BATCH][];
        final double[] scores = new double[BATCH];
        int size;

        /**
         * Whether an order ranks above the page's worst, in {@link #BEST_FIRST} order, tested on its score and id alone: most
         * orders of a large screen do not, and no object is made for them.
         */
        static boolean ranksAbove(double score, long orderId, Scored worst) {
            return score > worst.score() || (score == worst.score() && orderId < worst.order().orderId());
        }

        Ranking(AnomalyDetector detector, int limit, AllScores all, RankCursor after) {
            this.detector = detector;
            this.limit = limit;
            this.all = all;
            this.after = after;
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
                if (all != null) {
                    all.add(orders[i], z[i], score);
                }
                if (after != null && !after.precedes(score, orders[i].orderId())) {
                    continue;
                }
                ranked++;
                if (top.size() < limit) {
                    top.add(new Scored(orders[i], z[i], score));
                } else if (limit > 0 && ranksAbove(score, orders[i].orderId(), top.peek())) {
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

        void addAll(ScoreLog other) {
            for (int i = 0; i < other.size; i++) {
                add(other.scores[i], other.labels[i]);
            }
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
