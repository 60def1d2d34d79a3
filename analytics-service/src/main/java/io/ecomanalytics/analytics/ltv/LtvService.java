package io.ecomanalytics.analytics.ltv;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.model.RfmSegment;
import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.analytics.repository.RfmRepository;
import io.ecomanalytics.analytics.service.SalesPeriods;
import io.ecomanalytics.contracts.problem.ApiException;
import io.quarkus.logging.Log;

/** Fits BG/NBD and Gamma-Gamma to the customers' histories and values every customer over a number of months. */
@ApplicationScoped
public class LtvService {
    /** Weeks in an average Gregorian month: 365.25 / 12 / 7. */
    static final double WEEKS_PER_MONTH = 365.25 / 12 / 7;
    private static final long SAMPLE_SEED = 2005;
    /** Fits kept: one of 390,000 persons (the 1M-order store) holds about 50 MB. */
    private static final int CACHED_FITS = 2;
    private static final SalesFilter WHOLE_HISTORY = new SalesFilter(null, null, null, null, null);

    private final LtvRepository repository;
    private final RfmRepository rfm;
    private final SalesPeriods periods;
    private final LtvConfig config;
    /**
     * The last few fits, by filter and the data fingerprint they were made on: a page, an export or one customer's value need
     * not refit. Few, as a fit of a large store holds a dozen numbers per person.
     */
    private final Map<FitKey, Fit> fits = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<FitKey, Fit> eldest) {
            return size() > CACHED_FITS;
        }
    };

    public LtvService(LtvRepository repository, RfmRepository rfm, SalesPeriods periods, LtvConfig config) {
        this.repository = repository;
        this.rfm = rfm;
        this.periods = periods;
        this.config = config;
    }

    public LtvReport report(SalesFilter filter, int months, int page, int size) {
        Ranked ranked = rank(filter, months);
        LtvReport all = ranked.summary();
        List<LtvReport.CustomerLtv> rows = new ArrayList<>();
        long first = (long) page * size;
        for (long k = first; k < Math.min(ranked.order.length, first + size); k++) {
            rows.add(value(ranked.fit, ranked.order[(int) k], months));
        }
        return new LtvReport(months, all.monthlyDiscountRate(), all.customers(), all.guests(), all.parameters(), all.holdout(),
                all.totals(), all.cohorts(), all.segments(), page, size, rows);
    }

    /**
     * Every person of the filter valued over {@code months}: the report's summaries (without a page) and the persons in order
     * of value, highest first, each valued again only when it is read ({@link Ranked#forEach}), so a whole list holds no row
     * objects.
     */
    public Ranked rank(SalesFilter filter, int months) {
        Fit fit = fit(filter);
        CustomerFacts f = fit.facts();
        if (f.size() == 0) {
            // nobody bought in scope (an empty period): zeros and empty lists, as every analytic answers one
            List<LtvReport.Segment> none = Arrays.stream(RfmSegment.values())
                    .map(s -> new LtvReport.Segment(s.apiName(), 0, null, money(0), null)).toList();
            return new Ranked(new LtvReport(months, config.monthlyDiscountRate(), 0, f.guests(), null, null,
                    new LtvReport.Totals(0, money(0)), List.of(), none, 0, 0, List.of()), fit, new int[0]);
        }
        long[] cents = new long[f.size()];
        TreeMap<String, double[]> cohorts = new TreeMap<>();
        Map<RfmSegment, double[]> segments = new EnumMap<>(RfmSegment.class);
        for (RfmSegment s : RfmSegment.values()) {
            segments.put(s, new double[3]);
        }
        double purchases = 0;
        double clv = 0;
        for (int i = 0; i < f.size(); i++) {
            LtvReport.CustomerLtv row = value(fit, i, months);
            cents[i] = row.clv().movePointRight(2).longValueExact();
            purchases += row.expectedPurchases();
            clv += row.clv().doubleValue();
            double[] c = cohorts.computeIfAbsent(f.cohort()[i], k -> new double[4]);
            c[0]++;
            c[1] += row.expectedPurchases();
            c[2] += row.probabilityAlive();
            c[3] += row.clv().doubleValue();
            if (fit.segments()[i] != null) {
                double[] s = segments.get(fit.segments()[i]);
                s[0]++;
                s[1] += row.clv().doubleValue();
                s[2] += row.probabilityAlive();
            }
        }
        List<LtvReport.Cohort> byCohort = cohorts.entrySet().stream().map(e -> new LtvReport.Cohort(e.getKey(),
                (long) e.getValue()[0], round(e.getValue()[1]), round(e.getValue()[2] / e.getValue()[0]),
                money(e.getValue()[3]))).toList();
        List<LtvReport.Segment> bySegment = segments.entrySet().stream().map(e -> {
            double[] s = e.getValue();
            return s[0] == 0
                    ? new LtvReport.Segment(e.getKey().apiName(), 0, null, money(0), null)
                    : new LtvReport.Segment(e.getKey().apiName(), (long) s[0], money(s[1] / s[0]), money(s[1]),
                            round(s[2] / s[0]));
        }).toList();
        // highest value first, then by customer id (ids are sorted, so by index)
        int[] order = IntStream.range(0, f.size()).boxed()
                .sorted(Comparator.<Integer>comparingLong(i -> -cents[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        LtvReport summary = new LtvReport(months, config.monthlyDiscountRate(), f.size(), f.guests(), fit.parameters(),
                fit.holdout(), new LtvReport.Totals(round(purchases), money(clv)), byCohort, bySegment, 0, 0,
                List.of());
        return new Ranked(summary, fit, order);
    }

    /** Every customer's value in order, highest first: {@link #summary()} and the customers one at a time. */
    public final class Ranked {
        private final LtvReport summary;
        private final Fit fit;
        private final int[] order;

        private Ranked(LtvReport summary, Fit fit, int[] order) {
            this.summary = summary;
            this.fit = fit;
            this.order = order;
        }

        /** The report without a page of customers. */
        public LtvReport summary() {
            return summary;
        }

        /** Hands every customer, highest value first, to {@code sink}. */
        public void forEach(Consumer<LtvReport.CustomerLtv> sink) {
            for (int i : order) {
                sink.accept(value(fit, i, summary.months()));
            }
        }
    }

    /** The value of the person a customer row belongs to, fitted on the whole history. */
    public LtvReport.CustomerLtv customer(long customerId, int months) {
        Fit fit = fit(WHOLE_HISTORY);
        int index = repository.personOf(customerId).map(person -> Arrays.binarySearch(fit.facts().id(), person)).orElse(-1);
        if (index < 0) {
            throw ApiException.notFound("customer " + customerId + " has no valid orders (or is a guest)");
        }
        return value(fit, index, months);
    }

    private LtvReport.CustomerLtv value(Fit fit, int i, int months) {
        CustomerFacts f = fit.facts();
        double x = f.x()[i];
        double tx = f.tx()[i];
        double t = f.t()[i];
        double spend = fit.spend().expectedSpend(x, f.spend()[i]);
        // purchases expected in each coming month, valued at the expected spend and discounted to today
        double clv = 0;
        double before = 0;
        for (int k = 1; k <= months; k++) {
            double upTo = fit.model().expectedPurchases(k * WEEKS_PER_MONTH, x, tx, t);
            clv += (upTo - before) * spend / Math.pow(1 + config.monthlyDiscountRate(), k);
            before = upTo;
        }
        if (!Double.isFinite(clv) || !Double.isFinite(spend)) {
            // FHL's closed form (eq. 10, a Gauss series) has no finite value in some corners of the parameter space that a
            // fit on few or very alike customers can reach (e.g. a + b <= 1): refused with the parameters, never a 500
            throw new ApiException(422, null, "the models fitted on this filter give no finite value (customer " + f.id()[i]
                    + ", " + fit.parameters() + "): too few or too alike customers to value; try a wider filter");
        }
        return new LtvReport.CustomerLtv(f.id()[i], f.cohort()[i], (int) x, round(tx), round(t), money(f.spend()[i]),
                round(fit.model().probabilityAlive(x, tx, t)), round(before), money(spend), money(clv));
    }

    private Fit fit(SalesFilter filter) {
        FitKey key = new FitKey(filter, repository.fingerprint());
        synchronized (fits) {
            Fit cached = fits.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Fit fit = fitNow(filter);
        synchronized (fits) {
            fits.put(key, fit);
        }
        return fit;
    }

    private Fit fitNow(SalesFilter filter) {
        CustomerFacts f = repository.load(filter, config.holdoutWeeks());
        if (f.size() == 0) {
            return new Fit(f, null, null, null, null, new RfmSegment[0]);
        }
        // BG/NBD counts a customer's purchases from the first one: a customer who was buying before the data began shows a
        // shorter, later history than they had (measured on the simulator's store with 5 warm-up years: r and alpha 46% low,
        // holdout -12%). They are left out of the fits and of the check, and predicted with the parameters the others give.
        int[] all = IntStream.range(0, f.size()).filter(i -> !f.beforeHistory()[i]).toArray();
        int[] calibration = Arrays.stream(all).filter(i -> f.xCal()[i] >= 0).toArray();
        int[] repeaters = Arrays.stream(all).filter(i -> f.x()[i] >= 1 && f.spend()[i] > 0).toArray();
        if (calibration.length < config.minCustomers() || repeaters.length < config.minCustomers()) {
            throw new ApiException(422, null, "too few customers to fit: " + calibration.length + " bought before the "
                    + "holdout and " + repeaters.length + " bought again; at least " + config.minCustomers()
                    + " of each are needed");
        }
        int[] fitAll = sample(all);
        BgNbd model = BgNbd.fit(pick(f.x(), fitAll), pick(f.tx(), fitAll), pick(f.t(), fitAll));
        int[] fitCal = sample(calibration);
        BgNbd calibrated = BgNbd.fit(pick(f.xCal(), fitCal), pick(f.txCal(), fitCal), pick(f.tCal(), fitCal));
        int[] fitSpend = sample(repeaters);
        GammaGamma spend = GammaGamma.fit(pick(f.x(), fitSpend), pick(f.spend(), fitSpend));

        Log.debugf("lifetime-value fit on %d customers: %s (calibration %s), %s", f.size(), model, calibrated, spend);
        double predicted = 0;
        long actual = 0;
        for (int i : calibration) {
            predicted += calibrated.expectedPurchases(config.holdoutWeeks(), f.xCal()[i], f.txCal()[i], f.tCal()[i]);
            actual += (long) f.holdout()[i];
        }
        LtvReport.Holdout holdout = new LtvReport.Holdout(f.cutoff(), config.holdoutWeeks(), calibration.length,
                round(predicted), actual, actual == 0 ? null : round(predicted / actual - 1));
        LtvReport.Parameters parameters = new LtvReport.Parameters(all.length, f.size() - all.length, round(model.r()),
                round(model.alpha()), round(model.a()), round(model.b()), round(spend.p()), round(spend.q()),
                round(spend.gamma()));
        return new Fit(f, model, spend, parameters, holdout, segments(f, filter));
    }

    /**
     * Each person's RFM segment, scored over the filter as {@code customers/rfm} scores it; null for a person whose first sale
     * arrived between the two queries (left out of the segment summary). The segments name every customer row of a person; the
     * person's own (smallest) row is the one found.
     */
    private RfmSegment[] segments(CustomerFacts f, SalesFilter filter) {
        RfmSegment[] segments = new RfmSegment[f.size()];
        for (RfmRepository.CustomerSegment s : rfm.segmentsByCustomer(periods.resolve(filter), null)) {
            int i = Arrays.binarySearch(f.id(), s.customerId());
            if (i >= 0) {
                segments[i] = RfmSegment.valueOf(s.segment().toUpperCase(Locale.ROOT));
            }
        }
        return segments;
    }

    /** At most {@code fitSample} of the indices, a seeded random choice when there are more. */
    private int[] sample(int[] indices) {
        if (indices.length <= config.fitSample()) {
            return indices;
        }
        int[] copy = indices.clone();
        Random random = new Random(SAMPLE_SEED);
        for (int i = 0; i < config.fitSample(); i++) {
            int j = i + random.nextInt(copy.length - i);
            int swap = copy[i];
            copy[i] = copy[j];
            copy[j] = swap;
        }
        return Arrays.copyOf(copy, config.fitSample());
    }

    private static double[] pick(double[] values, int[] indices) {
        double[] picked = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            picked[i] = values[indices[i]];
        }
        return picked;
    }

    private static BigDecimal money(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /** A fit is good for one filter while the data's fingerprint stays the same. */
    private record FitKey(SalesFilter filter, String fingerprint) {
    }

    private record Fit(CustomerFacts facts, BgNbd model, GammaGamma spend, LtvReport.Parameters parameters,
            LtvReport.Holdout holdout, RfmSegment[] segments) {
    }
}
