package io.ecomanalytics.analytics.anomaly;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Every scored order of a period in primitive columns (91 bytes an order: ids, time, score, total and the three standout
 * features with their values and z-scores), so that the whole ranking can be written once the last order is scored: a ranking
 * needs every score before its first row, but no order object is kept. Filled by the scoring threads, read by one.
 */
public final class AllScores {
    private static final int STANDOUTS = 3;

    private long[] orderIds = new long[1024];
    private long[] customerIds = new long[1024];
    private long[] orderedAt = new long[1024];
    private double[] scores = new double[1024];
    private double[] totals = new double[1024];
    private byte[] features = new byte[1024 * STANDOUTS];
    private double[] values = new double[1024 * STANDOUTS];
    private double[] zs = new double[1024 * STANDOUTS];
    private int size;

    synchronized void add(OrderFeatures order, double[] z, double score) {
        if (size == orderIds.length) {
            int grown = size * 2;
            orderIds = Arrays.copyOf(orderIds, grown);
            customerIds = Arrays.copyOf(customerIds, grown);
            orderedAt = Arrays.copyOf(orderedAt, grown);
            scores = Arrays.copyOf(scores, grown);
            totals = Arrays.copyOf(totals, grown);
            features = Arrays.copyOf(features, grown * STANDOUTS);
            values = Arrays.copyOf(values, grown * STANDOUTS);
            zs = Arrays.copyOf(zs, grown * STANDOUTS);
        }
        orderIds[size] = order.orderId();
        customerIds[size] = order.customerId();
        orderedAt[size] = order.orderedAt().toInstant().toEpochMilli();
        scores[size] = score;
        totals[size] = order.values()[0];
        // the largest |z| first, ties in feature order, as the report's standouts
        boolean[] taken = new boolean[z.length];
        for (int k = 0; k < STANDOUTS && k < z.length; k++) {
            int best = -1;
            for (int f = 0; f < z.length; f++) {
                if (!taken[f] && (best < 0 || Math.abs(z[f]) > Math.abs(z[best]))) {
                    best = f;
                }
            }
            taken[best] = true;
            features[size * STANDOUTS + k] = (byte) best;
            values[size * STANDOUTS + k] = order.values()[best];
            zs[size * STANDOUTS + k] = z[best];
        }
        size++;
    }

    /** The ranking: most anomalous first, ties by order id, as the report ranks its top orders. */
    Ranked rank(AnomalyReport report) {
        int[] order = IntStream.range(0, size).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingLong(i -> orderIds[i]))
                .mapToInt(Integer::intValue).toArray();
        return new Ranked(report, order);
    }

    /** The report of the run (evaluation, timings; no top orders) and every order in rank order. */
    public final class Ranked {
        private final AnomalyReport report;
        private final int[] order;

        private Ranked(AnomalyReport report, int[] order) {
            this.report = report;
            this.order = order;
        }

        public AnomalyReport report() {
            return report;
        }

        /** Hands every scored order to {@code sink}, most anomalous first. */
        public void forEach(Consumer<AnomalyReport.AnomalousOrder> sink) {
            for (int i : order) {
                List<AnomalyReport.Feature> standouts = new ArrayList<>(STANDOUTS);
                for (int k = 0; k < STANDOUTS; k++) {
                    int at = i * STANDOUTS + k;
                    standouts.add(new AnomalyReport.Feature(OrderFeatures.NAMES.get(features[at]),
                            AnomalyService.round(values[at]), AnomalyService.round(zs[at])));
                }
                sink.accept(new AnomalyReport.AnomalousOrder(orderIds[i], customerIds[i],
                        OffsetDateTime.ofInstant(Instant.ofEpochMilli(orderedAt[i]), ZoneOffset.UTC),
                        AnomalyService.round(scores[i]),
                        BigDecimal.valueOf(totals[i]).setScale(2, RoundingMode.HALF_UP), standouts));
            }
        }
    }
}
