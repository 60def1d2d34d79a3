package io.ecomanalytics.analytics.service;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a product's lifecycle stage from its own sales by fitting the classic product-lifecycle curve (Levitt, "Exploit the
 * product life cycle", HBR 1965): a slow introduction, a steep growth, a flat maturity and a decline to discontinuation. The
 * curve's shape is fixed: the level relative to maturity rises from 0.15 at launch to 0.40 at the end of introduction (10% of
 * the lifetime), to 1 at the end of growth (30%), stays at 1 through maturity (to 75%) and falls to 0.10 at the end of life;
 * these are the simulator's figures too. What is not known is each product's launch day L and lifetime T, so the stage is read
 * from their posterior: on the day {@code to}, each (L, T) of a grid gives a stage, and the product gets the stage with the
 * most posterior mass.
 * <p>
 * The likelihood: a product's units on day t are Poisson with mean A · level((t − L) / T) · S(t), S being the store's units
 * that day (its seasons, events and growth), and A the product's popularity. With a flat prior on A it integrates out in closed
 * form (a Gamma integral): P(sales | L, T) ∝ Π w_t^{n_t} / W^{N+1}, w_t = level · S(t), W = Σ_t w_t over the days seen, N = Σ
 * n_t. The priors: T uniform between {@code minLifetimeDays} and {@code maxLifetimeDays} (by default 1.5 to 5 years, fashion to
 * durables), L uniform between T days before the first sale and the first sale. Units are counted by week (the level taken at
 * the week's middle), W by day with prefix sums, so a product costs grid × weeks sold.
 * <p>
 * Why not a rule on recent against earlier sales (this project's first reading): a product of the default store sells about 60
 * units over its life, so two 120-day windows hold a handful each, and Poisson noise moved the ratio across any threshold: 65%
 * agreement with the simulator's stage, against 77% here (docs/models.md). Hand-written: no library fits this model.
 */
public final class LifecycleFit {
    /** The curve's corners: share of the lifetime and level relative to maturity. */
    private static final double[] X = {0, 0.10, 0.30, 0.75, 1};
    private static final double[] LEVEL = {0.15, 0.40, 1, 1, 0.10};
    private static final String[] PIECES = {LifecycleStages.INTRODUCTION, LifecycleStages.GROWTH, LifecycleStages.MATURITY,
            LifecycleStages.DECLINE};
    /**
     * Grid steps of the lifetime and the launch day, in days. log P(sales | L, T) = Σ_weeks n · ln(level(mid-week) + stray) −
     * (N + 1) ln W up to a constant; the launch step is two weeks, so the level of a week depends on one index per lifetime.
     */
    static final int LIFETIME_STEP = 60;
    private static final int WEEK = 7;
    static final int LAUNCH_STEP = 2 * WEEK;
    /**
     * The rate of stray sales relative to maturity, on every day before, during and after the life, assumed only when no launch
     * and lifetime of the grid explains every sale (one unit sold long after a product's last season: a re-listing, a late
     * order; the default store has such products). Not always: a floor makes "every sale a stray" a flat model that competes
     * with the curve, and won for products with few, irregular sales (read discontinued while selling).
     */
    static final double STRAY = 0.00001;

    private final int days;
    private final double[] storeUnits;
    private final double[] storeUnitsDays;
    private final int minLifetime;
    private final int maxLifetime;

    /**
     * @param storeUnitsByDay
     *            the store's units on each day of the history, the last one being the day the stages are read for
     */
    public LifecycleFit(long[] storeUnitsByDay, int minLifetimeDays, int maxLifetimeDays) {
        this.days = storeUnitsByDay.length;
        this.storeUnits = new double[days + 1];
        this.storeUnitsDays = new double[days + 1];
        for (int t = 0; t < days; t++) {
            storeUnits[t + 1] = storeUnits[t] + storeUnitsByDay[t];
            storeUnitsDays[t + 1] = storeUnitsDays[t] + (double) t * storeUnitsByDay[t];
        }
        this.minLifetime = minLifetimeDays;
        this.maxLifetime = maxLifetimeDays;
    }

    /** The level of the curve at share x of the lifetime (0 outside [0, 1)). */
    static double level(double x) {
        if (x < 0 || x >= 1) {
            return 0;
        }
        int k = x < X[1] ? 0 : x < X[2] ? 1 : x < X[3] ? 2 : 3;
        return LEVEL[k] + (LEVEL[k + 1] - LEVEL[k]) * (x - X[k]) / (X[k + 1] - X[k]);
    }

    static String stageAt(double x) {
        if (x >= 1) {
            return LifecycleStages.DISCONTINUED;
        }
        int k = x < X[1] ? 0 : x < X[2] ? 1 : x < X[3] ? 2 : 3;
        return PIECES[k];
    }

    /**
     * The stage of a product on the last day, from its units by week: {@code unitsByWeek[w]} sold in the 7 days ending
     * {@code 7w} days before the last day. Its posterior share per stage is in the result's map.
     */
    public Reading read(long[] unitsByWeek) {
        Sales sales = Sales.of(unitsByWeek);
        Reading reading = read(sales, 0);
        return reading != null ? reading : read(sales, STRAY);
    }

    /** The reading with a floor under the curve; null when no launch and lifetime can have made the sales. */
    private Reading read(Sales sales, double floor) {
        // the launches tried start on the first day of the first week with a sale and go back from there: a launch later in
        // that week would put the week's middle, where its level is taken, before the launch (measured: products planted
        // to launch mid-week read a stage too late)
        int firstSale = days - 1 - WEEK * sales.weeks[sales.weeks.length - 1] - (WEEK - 1);
        Map<String, Double> mass = new LinkedHashMap<>();
        double best = Double.NEGATIVE_INFINITY;
        double[] logLikelihoods = new double[gridSize()];
        String[] stages = new String[logLikelihoods.length];
        int at = 0;
        int oldest = sales.weeks[sales.weeks.length - 1];
        // the middle of week w lies (middle of week 0 − first sale) − 7w + 14k days after the launch k steps before the first
        // sale: its level depends on 2k − w only, so each lifetime's logs are taken once, not once per launch and week
        double firstMiddle = days - 1 - (WEEK - 1) / 2.0 - firstSale;
        for (int lifetime : lifetimes()) {
            int steps = lifetime / LAUNCH_STEP;
            double[] logLevel = new double[2 * steps + oldest + 1];
            for (int m = 0; m < logLevel.length; m++) {
                logLevel[m] = Math.log(level((firstMiddle + WEEK * (m - oldest)) / lifetime) + floor);
            }
            for (int k = 0; k <= steps; k++) {
                double sum = 0;
                for (int i = 0; i < sales.weeks.length; i++) {
                    sum += sales.units[i] * logLevel[2 * k - sales.weeks[i] + oldest];
                }
                int launch = firstSale - LAUNCH_STEP * k;
                // a sale where the curve is 0: impossible (and W may then be 0 too, which would make it NaN)
                double logLikelihood = sum == Double.NEGATIVE_INFINITY
                        ? sum
                        : sum - (sales.total + 1) * Math.log(expectedShape(launch, lifetime, floor));
                logLikelihoods[at] = logLikelihood;
                stages[at++] = stageAt((double) (days - 1 - launch) / lifetime);
                best = Math.max(best, logLikelihood);
            }
        }
        if (best == Double.NEGATIVE_INFINITY) {
            return null;
        }
        for (int i = 0; i < at; i++) {
            mass.merge(stages[i], Math.exp(logLikelihoods[i] - best), Double::sum);
        }
        double sum = mass.values().stream().mapToDouble(Double::doubleValue).sum();
        mass.replaceAll((stage, m) -> m / sum);
        String stage = mass.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElseThrow();
        return new Reading(stage, mass);
    }

    /** A stage and the posterior share of every stage that has any. */
    public record Reading(String stage, Map<String, Double> mass) {
    }

    /** The weeks with sales (most recent first) and their units. */
    private record Sales(int[] weeks, long[] units, long total) {
        static Sales of(long[] unitsByWeek) {
            int count = 0;
            for (long units : unitsByWeek) {
                count += units > 0 ? 1 : 0;
            }
            if (count == 0) {
                throw new IllegalArgumentException("a product without sales has no stage to read");
            }
            int[] weeks = new int[count];
            long[] units = new long[count];
            long total = 0;
            int at = 0;
            for (int week = 0; week < unitsByWeek.length; week++) {
                if (unitsByWeek[week] > 0) {
                    weeks[at] = week;
                    units[at++] = unitsByWeek[week];
                    total += unitsByWeek[week];
                }
            }
            return new Sales(weeks, units, total);
        }
    }

    /** The lifetimes of the grid: every {@value #LIFETIME_STEP} days from the shortest, and the longest. */
    private int[] lifetimes() {
        java.util.stream.IntStream.Builder lifetimes = java.util.stream.IntStream.builder();
        for (int lifetime = minLifetime; lifetime < maxLifetime; lifetime += LIFETIME_STEP) {
            lifetimes.add(lifetime);
        }
        return lifetimes.add(maxLifetime).build().toArray();
    }

    private int gridSize() {
        int size = 0;
        for (int lifetime : lifetimes()) {
            size += lifetime / LAUNCH_STEP + 1;
        }
        return size;
    }

    /**
     * W = Σ_t (level((t − L) / T) + stray) · S(t) over the days seen: on each straight piece of the curve, a · ΣS + b · Σ t·S.
     */
    double expectedShape(int launch, int lifetime, double floor) {
        double w = floor * storeUnits[days];
        for (int k = 0; k < PIECES.length; k++) {
            int from = Math.max(0, (int) Math.ceil(launch + X[k] * lifetime));
            int to = Math.min(days, (int) Math.ceil(launch + X[k + 1] * lifetime));
            if (from >= to) {
                continue;
            }
            double slope = (LEVEL[k + 1] - LEVEL[k]) / (X[k + 1] - X[k]) / lifetime;
            double intercept = LEVEL[k] - slope * (launch + X[k] * lifetime);
            w += intercept * (storeUnits[to] - storeUnits[from]) + slope * (storeUnitsDays[to] - storeUnitsDays[from]);
        }
        return w;
    }
}
