package io.ecomanalytics.analytics.ltv;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Order histories made the way the simulator makes its customers' (simulator-service {@code StoreGenerator}), seeded: customers
 * acquired over the years with 15% more each year, uniformly in seasonally weighted time; while alive each places orders at λ ~
 * Gamma(r, rate α) per weighted day; an order is canceled with probability {@link #CANCELED_SHARE} (not a sale, and no occasion
 * to drop out); the first sale is the trial and after each later one the customer drops out with p ~ Beta(a, b). The weights:
 * the simulator's month index (February weakest, December strongest) and its Black Friday week at 2.2 times, scaled so that a
 * day weighs 1 on average.
 */
final class SimulatedStore {
    /** Canceled and unavailable orders in the simulator: 1.2% + 0.6%. */
    static final double CANCELED_SHARE = 0.018;
    private static final double YEARLY_GROWTH = 1.15;
    private static final double BLACK_FRIDAY_WEEK = 2.2;
    /** SimulationConstants.MONTH_INDEX, January first. */
    private static final double[] MONTH_WEIGHT = {0.92, 0.85, 0.97, 0.95, 1.02, 0.96, 0.97, 1.00, 0.96, 1.00, 1.15, 1.25};

    private SimulatedStore() {
    }

    record Order(long customerId, Instant orderedAt, boolean canceled, double revenue) {
    }

    /**
     * {@code customers} customers over {@code years} years from 1 January 2021 (UTC), BG/NBD parameters {@code truth} with α
     * per day, spend per order ~ Gamma(6, rate ν) with ν ~ Gamma(4, rate 15) per customer (mean 30).
     */
    static List<Order> orders(BgNbd truth, int customers, int years, long seed) {
        LocalDate start = LocalDate.of(2021, 1, 1);
        int days = (int) (start.plusYears(years).toEpochDay() - start.toEpochDay());
        double[] weight = new double[days];
        double total = 0;
        for (int d = 0; d < days; d++) {
            LocalDate date = start.plusDays(d);
            weight[d] = MONTH_WEIGHT[date.getMonthValue() - 1] * (blackFridayWeek(date) ? BLACK_FRIDAY_WEEK : 1);
            total += weight[d];
        }
        double[] cumulative = new double[days + 1];
        for (int d = 0; d < days; d++) {
            cumulative[d + 1] = cumulative[d] + weight[d] * days / total;
        }
        RandomGenerator random = new MersenneTwister(seed);
        GammaDistribution rates = new GammaDistribution(random, truth.r(), 1 / truth.alpha());
        BetaDistribution dropouts = new BetaDistribution(random, truth.a(), truth.b());
        GammaDistribution spendRates = new GammaDistribution(random, 4, 1 / 15.0);
        double yearShares = 0;
        for (int y = 0; y < years; y++) {
            yearShares += Math.pow(YEARLY_GROWTH, y);
        }
        List<Order> orders = new ArrayList<>();
        long id = 1;
        for (int y = 0; y < years; y++) {
            int inYear = (int) Math.round(customers * Math.pow(YEARLY_GROWTH, y) / yearShares);
            double yearStart = cumulative[(int) (start.plusYears(y).toEpochDay() - start.toEpochDay())];
            double yearEnd = cumulative[(int) (start.plusYears(y + 1).toEpochDay() - start.toEpochDay())];
            for (int k = 0; k < inYear; k++, id++) {
                double t = yearStart + (yearEnd - yearStart) * random.nextDouble();
                double lambda = rates.sample();
                double p = dropouts.sample();
                GammaDistribution spend = new GammaDistribution(random, 6, 1 / spendRates.sample());
                int sales = 0;
                while (t < cumulative[days]) {
                    boolean canceled = random.nextDouble() < CANCELED_SHARE;
                    orders.add(
                            new Order(id, instant(start, cumulative, t), canceled, Math.round(spend.sample() * 100) / 100.0));
                    if (!canceled && ++sales > 1 && random.nextDouble() < p) {
                        break;
                    }
                    t += -Math.log(1 - random.nextDouble()) / lambda;
                }
            }
        }
        return orders;
    }

    private static boolean blackFridayWeek(LocalDate date) {
        LocalDate november = LocalDate.of(date.getYear(), Month.NOVEMBER, 1);
        LocalDate thanksgiving = november.plusDays((4 - november.getDayOfWeek().getValue() + 7) % 7 + 21);
        LocalDate monday = thanksgiving.minusDays(3);
        return !date.isBefore(monday) && date.isBefore(monday.plusDays(7));
    }

    /** The instant of weighted time {@code t}: its day, and the position within that day's weight. */
    private static Instant instant(LocalDate start, double[] cumulative, double t) {
        int low = 0;
        int high = cumulative.length - 2;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (cumulative[mid] <= t) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        double within = (t - cumulative[low]) / (cumulative[low + 1] - cumulative[low]);
        return start.plusDays(low).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds((long) (within * 86_399));
    }
}
