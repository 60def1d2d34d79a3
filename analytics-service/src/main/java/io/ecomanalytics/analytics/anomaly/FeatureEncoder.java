package io.ecomanalytics.analytics.anomaly;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ecomanalytics.contracts.geo.BrazilianState;

/**
 * Turns order rows into {@link OrderFeatures} and those into the models' inputs, fitted on the training sample.
 * <p>
 * The hour of day and the customer's state become their rarity, −ln of their add-one smoothed share of the sample's orders: an
 * hour is circular and the odd ones (2–4 h) sit mid-range, where an axis-parallel split cannot isolate them, while rarity puts
 * every unusual hour or state at one end. Money, units, quantities, price deviation and account age enter as log(1 + x): they
 * are heavy-tailed, and an isolation forest splits uniformly between the extremes, so on the raw scale the largest ordinary
 * orders would be isolated as quickly as fraud. Every input is then a z-score with the sample's mean and standard deviation
 * (the one-class SVM's RBF kernel needs one scale; a constant input keeps deviation 1, its z is 0 in training).
 */
public final class FeatureEncoder {
    /** Which of {@link OrderFeatures#NAMES} enter as log(1 + x). */
    private static final boolean[] LOGARITHMIC = {true, true, true, true, false, true, false, false, false};
    private static final int HOURS = 24;

    private final double[] hourRarity = new double[HOURS];
    private final Map<String, Double> stateRarity = new HashMap<>();
    private final double unseenStateRarity;
    private final double[] mean = new double[LOGARITHMIC.length];
    private final double[] sd = new double[LOGARITHMIC.length];

    public FeatureEncoder(List<AnomalyRepository.OrderRow> sample) {
        int n = sample.size();
        long[] byHour = new long[HOURS];
        Map<String, Long> byState = new HashMap<>();
        for (AnomalyRepository.OrderRow row : sample) {
            byHour[row.hour()]++;
            byState.merge(row.state(), 1L, Long::sum);
        }
        for (int h = 0; h < HOURS; h++) {
            hourRarity[h] = rarity(byHour[h], n, HOURS);
        }
        int states = BrazilianState.values().length;
        byState.forEach((state, count) -> stateRarity.put(state, rarity(count, n, states)));
        unseenStateRarity = rarity(0, n, states);
        double[][] inputs = sample.stream().map(row -> input(features(row).values())).toArray(double[][]::new);
        for (double[] input : inputs) {
            for (int f = 0; f < input.length; f++) {
                mean[f] += input[f] / n;
            }
        }
        for (double[] input : inputs) {
            for (int f = 0; f < input.length; f++) {
                sd[f] += (input[f] - mean[f]) * (input[f] - mean[f]) / n;
            }
        }
        for (int f = 0; f < sd.length; f++) {
            sd[f] = sd[f] > 0 ? Math.sqrt(sd[f]) : 1;
        }
    }

    /** −ln((count + 1) / (n + categories)): add-one smoothing keeps a category missing from the sample finite. */
    private static double rarity(long count, long n, int categories) {
        return -Math.log((count + 1.0) / (n + categories));
    }

    public OrderFeatures features(AnomalyRepository.OrderRow row) {
        return new OrderFeatures(row.orderId(), row.customerId(), row.orderedAt(), row.simulatedFraud(),
                new double[]{row.total(), row.units(), row.maxQuantity(), row.priceDeviation(), row.ordersWithin24h(),
                        row.accountAgeDays(), hourRarity[row.hour()],
                        stateRarity.getOrDefault(row.state(), unseenStateRarity), row.freightShare()});
    }

    /** The model input of an order's feature values: how many standard deviations from the sample's mean, on its scale. */
    public double[] z(double[] values) {
        double[] z = input(values);
        for (int f = 0; f < z.length; f++) {
            z[f] = (z[f] - mean[f]) / sd[f];
        }
        return z;
    }

    private static double[] input(double[] values) {
        double[] input = new double[values.length];
        for (int f = 0; f < values.length; f++) {
            input[f] = LOGARITHMIC[f] ? Math.log1p(Math.max(0, values[f])) : values[f];
        }
        return input;
    }
}
