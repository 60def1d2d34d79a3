package io.ecomanalytics.simulator.generator;

import static io.ecomanalytics.simulator.generator.SimulationConstants.*;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;

import io.ecomanalytics.contracts.geo.BrazilianState;
import io.ecomanalytics.contracts.geo.Region;

/**
 * Generates one store from a {@link SimulationPlan}: the catalogue first, then customer by customer their orders, items and
 * payments, written as COPY rows. Every entity draws from its own {@link EntityRandom}, so the output is a pure function of the
 * plan and the first ids.
 */
public final class StoreGenerator {
    /** Kinds of injected anomalous orders, the ground truth of the fraud screening. */
    public enum FraudKind {
        EXTREME_QUANTITY, PRICE_OUTLIER, NEW_ACCOUNT_BURST, ODD_HOUR_AND_PLACE
    }

    /** Told after each customer; may throw to stop the generation (cancellation). */
    public interface Listener {
        void customersDone(long done, long total);
    }

    /** A planted "bought together" pair and how strongly it was planted. */
    public record PlantedPair(long firstProductId, long secondProductId, double attachProbability) {
    }

    /** What the generation planted, to check analyses against. */
    public record GroundTruth(String profile, double r, double alpha, double a, double b, String rateUnit, double cagr,
            List<Integer> customersByYear, int warmUpYears, List<Integer> warmUpCustomersByYear, long customersBeforeStart,
            List<PlantedPair> plantedPairs, double fraudRate, Map<FraudKind, Long> fraudOrders) {
    }

    /** Rows written per table and the first and last order day (store zone). */
    public record Totals(long customers, long orders, long items, long payments, LocalDate firstOrderDay,
            LocalDate lastOrderDay, GroundTruth groundTruth) {
    }

    private static final int PRODUCT_STREAM = 1;
    private static final int CUSTOMER_STREAM = 2;
    private static final int FRAUD_STREAM = 3;
    private static final int WARM_UP_STREAM = 4;
    private static final int BUCKET_DAYS = 30;
    private static final long SECONDS_PER_DAY = 86_400;
    private static final String[] FIRST_NAMES = {"Ana", "Maria", "Julia", "Beatriz", "Larissa", "Camila", "Fernanda",
            "Gabriela", "João", "Pedro", "Lucas", "Gabriel", "Rafael", "Mateus", "Bruno", "Felipe", "Carlos", "Paulo"};
    private static final String[] LAST_NAMES = {"Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves",
            "Pereira", "Lima", "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Araújo"};

    private final SimulationPlan plan;
    private final String runId;
    private final EntityRandom customerRandom;
    private final EntityRandom fraudRandom;
    /** The source the helpers draw from: the current customer's, or a fraud account's while one is written. */
    private EntityRandom random;
    private final int days;
    /** Cumulative calendar weight at the start of each day, scaled so an average day weighs 1. */
    private final double[] cumulativeDay;
    private final long[] dayStartEpoch;
    private final double[] cumulativeHour;
    private final double[] stateWeights;
    private final BrazilianState[] states = BrazilianState.values();
    private final String[] segments;
    private final double[] segmentWeights;
    private final String[] channels;
    private final double[] channelWeights;
    private final String[] paymentTypes;
    private final double[] paymentWeights;

    private Catalogue catalogue;
    private long nextCustomerId;
    private long nextOrderId;
    private long fraudAccounts;
    private final Map<FraudKind, Long> fraudOrders = new EnumMap<>(FraudKind.class);
    private long orders;
    private long items;
    private int firstDay = Integer.MAX_VALUE;
    private int lastDay = -1;

    public StoreGenerator(SimulationPlan plan, String runId) {
        this.plan = plan;
        this.runId = runId;
        this.customerRandom = new EntityRandom(plan.seed());
        this.fraudRandom = new EntityRandom(plan.seed());
        this.random = customerRandom;
        this.days = (int) ChronoUnit.DAYS.between(plan.startDate(), plan.endDate());
        MarketCalendar calendar = new MarketCalendar(plan.promotions());
        double[] weights = new double[days];
        double total = 0;
        for (int d = 0; d < days; d++) {
            weights[d] = calendar.dayWeight(plan.startDate().plusDays(d));
            total += weights[d];
        }
        cumulativeDay = new double[days + 1];
        dayStartEpoch = new long[days + 1];
        for (int d = 0; d < days; d++) {
            cumulativeDay[d + 1] = cumulativeDay[d] + weights[d] * days / total;
        }
        for (int d = 0; d <= days; d++) {
            dayStartEpoch[d] = plan.startDate().plusDays(d).atStartOfDay(plan.zone()).toEpochSecond();
        }
        cumulativeHour = cumulative(HOUR_WEIGHTS);
        stateWeights = stateWeights(plan.profile().behaviour().spShare());
        segments = SEGMENT_SHARES.keySet().stream().sorted().toArray(String[]::new);
        segmentWeights = Arrays.stream(segments).mapToDouble(SEGMENT_SHARES::get).toArray();
        channels = CHANNEL_SHARES.keySet().stream().sorted().toArray(String[]::new);
        channelWeights = Arrays.stream(channels).mapToDouble(CHANNEL_SHARES::get).toArray();
        paymentTypes = PAYMENT_SHARES.keySet().stream().sorted().toArray(String[]::new);
        paymentWeights = Arrays.stream(paymentTypes).mapToDouble(PAYMENT_SHARES::get).toArray();
        for (FraudKind kind : FraudKind.values()) {
            fraudOrders.put(kind, 0L);
        }
    }

    /** Customers simulated: the warm-up cohorts' (written only if they buy in the window) and the window's. */
    public long totalCustomers() {
        return IntStream.range(-plan.warmUpYears(), plan.years()).mapToLong(plan::customersInYear).sum();
    }

    public int totalProducts() {
        return plan.years() * plan.productsPerYear();
    }

    // ---- catalogue ---------------------------------------------------------------------------------------------

    /**
     * Writes the products
     * ({@code id, name, category, unit_cost, unit_price, lifecycle_stage, launched_at, discontinued_at, run_id}).
     */
    public void writeProducts(CopyTextWriter out, long firstProductId) {
        catalogue = new Catalogue(totalProducts(), firstProductId);
        Catalogue c = catalogue;
        for (int i = 0; i < c.size; i++) {
            random.at(PRODUCT_STREAM, i);
            int launchYear = i / plan.productsPerYear();
            Category category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
            c.category[i] = category;
            c.lifetime[i] = random.between(MIN_LIFETIME_DAYS, MAX_LIFETIME_DAYS);
            // the first year's catalogue is already on sale at the start, at every stage of its life
            c.launchDay[i] = launchYear == 0
                    ? -(int) (random.nextDouble() * c.lifetime[i] * 0.6)
                    : dayOf(plan.startDate().plusYears(launchYear)) + random.nextInt(365);
            double price = Math.exp(random.uniform(Math.log(category.minPrice()), Math.log(category.maxPrice())));
            c.priceCents[i] = Math.round(price * 100);
            c.costCents[i] = Math.round(price * random.uniform(category.minCostShare(), category.maxCostShare()) * 100);
            c.popularity[i] = Math.exp(POPULARITY_SIGMA * random.nextGaussian());
        }
        c.plantPairs();
        c.buildBuckets();
        for (int i = 0; i < c.size; i++) {
            int end = c.launchDay[i] + c.lifetime[i];
            out.number(c.firstId + i).text(c.category[i].name() + " #" + (c.firstId + i)).text(c.category[i].name())
                    .cents(c.costCents[i]).cents(c.priceCents[i]).text(ProductLifecycle.stage(days - c.launchDay[i],
                            c.lifetime[i]))
                    .timestamp(epochOfDay(c.launchDay[i]));
            if (end <= days) {
                out.timestamp(epochOfDay(end));
            } else {
                out.nullValue();
            }
            out.text(runId).endRow();
        }
    }

    // ---- customers and orders ----------------------------------------------------------------------------------

    /**
     * Writes customers ({@code id, name, email, segment, region, state, city, created_at, run_id}): the warm-up cohorts'
     * customers that buy in the window, oldest cohort first, then the window's, each with its orders
     * ({@code id, customer_id, ordered_at, status, approved_at, shipped_at, delivered_at, estimated_delivery_at, channel,
     * is_simulated_fraud, item_count, revenue, cost, freight, run_id}), items
     * ({@code order_id, line_no, product_id, quantity, unit_price, unit_cost, freight}) and payments
     * ({@code order_id, seq, type, installments, amount}).
     */
    public Totals writeCustomersAndOrders(Sinks sinks, long firstCustomerId, long firstOrderId, Listener listener) {
        if (catalogue == null) {
            throw new IllegalStateException("write the products first");
        }
        nextCustomerId = firstCustomerId;
        nextOrderId = firstOrderId;
        SimulationConstants.Behaviour behaviour = plan.profile().behaviour();
        GammaDistribution rates = new GammaDistribution(random, behaviour.r(), 1 / behaviour.alpha());
        BetaDistribution dropouts = new BetaDistribution(random, behaviour.a(), behaviour.b());
        long total = totalCustomers();
        long done = 0;
        // before the window an average day weighs 1, as within it; warm-up customers get their own stream, so the window's
        // customers draw the same with or without a warm-up
        List<Integer> warmUpByYear = new ArrayList<>();
        long beforeStart = 0;
        long index = 0;
        for (int year = -plan.warmUpYears(); year < 0; year++) {
            int count = plan.customersInYear(year);
            warmUpByYear.add(count);
            int yearStart = dayOf(plan.startDate().plusYears(year));
            int yearEnd = dayOf(plan.startDate().plusYears(year + 1));
            for (int k = 0; k < count; k++, index++) {
                random.at(WARM_UP_STREAM, index);
                long idBefore = nextCustomerId;
                simulateCustomer(sinks, random.uniform(yearStart, yearEnd), rates, dropouts, behaviour);
                if (nextCustomerId > idBefore) {
                    beforeStart++;
                }
                listener.customersDone(++done, total);
            }
        }
        List<Integer> byYear = new ArrayList<>();
        index = 0;
        for (int year = 0; year < plan.years(); year++) {
            int count = plan.customersInYear(year);
            byYear.add(count);
            double yearStart = cumulativeDay[dayOf(plan.startDate().plusYears(year))];
            double yearEnd = cumulativeDay[Math.min(days, dayOf(plan.startDate().plusYears(year + 1)))];
            for (int k = 0; k < count; k++, index++) {
                random.at(CUSTOMER_STREAM, index);
                simulateCustomer(sinks, random.uniform(yearStart, yearEnd), rates, dropouts, behaviour);
                listener.customersDone(++done, total);
            }
        }
        GroundTruth truth = new GroundTruth(plan.profile().code(), behaviour.r(), behaviour.alpha(), behaviour.a(),
                behaviour.b(), "day", plan.cagr(), byYear, plan.warmUpYears(), warmUpByYear, beforeStart, catalogue.pairs,
                plan.fraudRate(), Map.copyOf(fraudOrders));
        return new Totals(nextCustomerId - firstCustomerId, orders, items, orders, dateOfDay(firstDay),
                dateOfDay(lastDay), truth);
    }

    /**
     * One customer acquired at calendar time {@code acquiredAt} (negative before the window), by BG/NBD in the sales the store
     * records: order slots at rate lambda from acquisition on, the first sale is the trial, and only a later sale is an
     * occasion to drop out. A slot without a sale of this customer's (canceled, unavailable, or taken by a fraud account) is
     * not one: a dropout there leaves a customer gone without the repeat sale that BG/NBD requires before a dropout, and a fit
     * on sales then puts r and alpha about 18% low (docs/models.md). Purchases before the window are not written (each counts
     * as a sale) but count towards the dropout; the customer is written with its first purchase in the window, so a warm-up
     * customer that drops out before the window leaves no row.
     */
    private void simulateCustomer(Sinks sinks, double acquiredAt, GammaDistribution rates, BetaDistribution dropouts,
            SimulationConstants.Behaviour behaviour) {
        double t = acquiredAt;
        double lambda = rates.sample();
        double p = dropouts.sample();
        int state = random.pick(stateWeights);
        long createdAt = epochAt(t) - random.between(60, 1800);
        if (t >= 0) {
            // a customer of the window signed up in it: created_at before the start marks exactly the warm-up customers
            createdAt = Math.max(createdAt, dayStartEpoch[0]);
        }
        Customer customer = null;
        int sales = 0;
        while (true) {
            boolean sale = true;
            if (t >= 0) {
                if (customer == null) {
                    customer = newCustomer(state, createdAt);
                    customer.write(sinks.customers(), runId);
                }
                sale = placeOrder(sinks, customer, t, behaviour);
            }
            if (sale && ++sales > 1 && random.nextDouble() < p) {
                return;
            }
            t += random.exponential() / lambda;
            if (t >= cumulativeDay[days]) {
                return;
            }
        }
    }

    /**
     * One order slot of a customer: an ordinary order, or with probability fraudRate an anomalous one in its place. True when
     * the slot made a sale of this customer's (not canceled or unavailable, and not an order of a fraud account).
     */
    private boolean placeOrder(Sinks sinks, Customer customer, double t, SimulationConstants.Behaviour behaviour) {
        // a burst fills several orders from one slot: it is drawn that much less often, so each kind makes about a quarter
        // of the anomalous orders, and slots turn anomalous a little more often so anomalous orders are fraudRate of all
        double burstWeight = 2.0 / (BURST_MIN_ORDERS + BURST_MAX_ORDERS);
        if (random.nextDouble() >= plan.fraudRate() * (3 + burstWeight) / 4) {
            return writeOrder(sinks, customer, epochAt(t), basket(customer, t, behaviour), null);
        }
        FraudKind kind = FraudKind.values()[random.pick(new double[]{1, 1, burstWeight, 1})];
        long at = epochAt(t);
        switch (kind) {
            case EXTREME_QUANTITY -> {
                Basket basket = basket(customer, t, behaviour);
                basket.quantity[0] = random.between(FRAUD_MIN_QUANTITY, FRAUD_MAX_QUANTITY);
                return writeOrder(sinks, customer, at, basket, kind);
            }
            case PRICE_OUTLIER -> {
                Basket basket = basket(customer, t, behaviour);
                double factor = random.nextBoolean()
                        ? random.uniform(FRAUD_LOW_PRICE_MIN, FRAUD_LOW_PRICE_MAX)
                        : random.uniform(FRAUD_HIGH_PRICE_MIN, FRAUD_HIGH_PRICE_MAX);
                basket.priceCents[0] = Math.max(1, Math.round(basket.priceCents[0] * factor));
                return writeOrder(sinks, customer, at, basket, kind);
            }
            case NEW_ACCOUNT_BURST -> {
                random = fraudRandom.at(FRAUD_STREAM, fraudAccounts++);
                Customer account = newCustomer(random.pick(stateWeights), at);
                account.write(sinks.customers(), runId);
                int burst = random.between(BURST_MIN_ORDERS, BURST_MAX_ORDERS);
                long[] times = new long[burst];
                for (int i = 0; i < burst; i++) {
                    times[i] = at + 60 + random.nextInt(BURST_WINDOW_MINUTES * 60);
                }
                Arrays.sort(times);
                for (long time : times) {
                    writeOrder(sinks, account, time, basket(account, t, behaviour), kind);
                }
                random = customerRandom;
            }
            case ODD_HOUR_AND_PLACE -> {
                random = fraudRandom.at(FRAUD_STREAM, fraudAccounts++);
                BrazilianState state = BrazilianState
                        .valueOf(ODD_PLACE_STATES.get(random.nextInt(ODD_PLACE_STATES.size())));
                int day = dayAt(t);
                long time = dayStartEpoch[day] + random.between(ODD_HOUR_FIRST * 3600, ODD_HOUR_LAST * 3600 + 3599);
                Customer account = newCustomer(state.ordinal(), time - random.between(60, 600));
                account.write(sinks.customers(), runId);
                int lines = random.between(1, 2);
                Basket basket = new Basket(lines);
                for (int line = 0; line < lines; line++) {
                    basket.add(catalogue.expensive[random.nextInt(catalogue.expensive.length)], random.between(1, 3));
                }
                writeOrder(sinks, account, time, basket, kind);
                random = customerRandom;
            }
        }
        return false; // the slot's orders are a fraud account's
    }

    private Customer newCustomer(int stateIndex, long createdAt) {
        BrazilianState state = states[stateIndex];
        String name = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + " "
                + LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        return new Customer(nextCustomerId++, name, segments[random.pick(segmentWeights)], state, createdAt);
    }

    private Basket basket(Customer customer, double t, SimulationConstants.Behaviour behaviour) {
        int size = 1 + random.pick(behaviour.basketSizeWeights());
        Basket basket = new Basket(size + 1);
        int bucket = Math.min(dayAt(t) / BUCKET_DAYS, catalogue.buckets.length - 1);
        for (int line = 0; line < size; line++) {
            int product = catalogue.pick(bucket, random.nextDouble());
            if (basket.contains(product)) {
                continue;
            }
            basket.add(product, quantity(customer));
            int partner = catalogue.partner[product];
            if (partner >= 0 && !basket.contains(partner) && random.nextDouble() < PAIR_ATTACH_PROBABILITY) {
                basket.add(partner, quantity(customer));
            }
        }
        return basket;
    }

    private int quantity(Customer customer) {
        return "business".equals(customer.segment)
                ? random.between(1, BUSINESS_MAX_QUANTITY)
                : 1 + random.pick(QUANTITY_WEIGHTS);
    }

    /** Writes the order, its items and its payment; true when it is a sale (neither canceled nor unavailable). */
    private boolean writeOrder(Sinks sinks, Customer customer, long orderedAt, Basket basket, FraudKind fraud) {
        long id = nextOrderId++;
        Region region = customer.state.region();
        long revenue = 0;
        long cost = 0;
        long freight = 0;
        int itemCount = 0;
        CopyTextWriter lines = sinks.items();
        for (int line = 0; line < basket.size; line++) {
            int product = basket.product[line];
            long price = basket.priceCents[line];
            int quantity = basket.quantity[line];
            long lineFreight = freightCents(region, price, quantity, random.nextDouble());
            lines.number(id).number(line + 1L).number(catalogue.firstId + product).number(quantity).cents(price)
                    .cents(catalogue.costCents[product]).cents(lineFreight);
            lines.endRow();
            revenue += price * quantity;
            cost += catalogue.costCents[product] * quantity;
            freight += lineFreight;
            itemCount += quantity;
        }
        items += basket.size;
        orders++;
        if (fraud != null) {
            fraudOrders.merge(fraud, 1L, Long::sum);
        }
        long end = dayStartEpoch[days];
        String paymentType = paymentTypes[random.pick(paymentWeights)];
        long approved = orderedAt + ("boleto".equals(paymentType)
                ? random.between(3600, 3 * 86_400)
                : random.between(60, 6 * 3600));
        long shipped = approved + random.between(6 * 3600, MAX_HANDLING_DAYS * 86_400);
        int deliveryDays = DELIVERY_DAYS_BY_REGION.get(region);
        long delivered = shipped + (long) (deliveryDays * random.uniform(0.5, 1.6) * SECONDS_PER_DAY);
        long estimated = dayStartEpoch[0] + ((orderedAt - dayStartEpoch[0]) / SECONDS_PER_DAY + deliveryDays
                + MAX_HANDLING_DAYS + PROMISE_SLACK_DAYS) * SECONDS_PER_DAY;
        double outcome = random.nextDouble();
        String status;
        if (outcome < CANCELED_SHARE) {
            status = "canceled";
            shipped = delivered = Long.MAX_VALUE;
        } else if (outcome < CANCELED_SHARE + UNAVAILABLE_SHARE) {
            status = "unavailable";
            shipped = delivered = Long.MAX_VALUE;
        } else if (delivered <= end) {
            status = "delivered";
        } else if (shipped <= end) {
            status = "shipped";
        } else if (approved <= end) {
            status = "approved";
        } else {
            status = "created";
        }
        CopyTextWriter o = sinks.orders();
        o.number(id).number(customer.id).timestamp(orderedAt).text(status);
        optionalTimestamp(o, approved, end);
        optionalTimestamp(o, shipped, end);
        optionalTimestamp(o, delivered, end);
        o.timestamp(estimated).text(channels[random.pick(channelWeights)]).bool(fraud != null).number(itemCount)
                .cents(revenue).cents(cost).cents(freight).text(runId);
        o.endRow();
        int installments = "credit_card".equals(paymentType)
                ? random.between(1, (int) Math.max(1, Math.min(MAX_INSTALLMENTS,
                        (revenue + freight) / (100 * BRL_PER_INSTALLMENT))))
                : 1;
        sinks.payments().number(id).number(1).text(paymentType).number(installments).cents(revenue + freight);
        sinks.payments().endRow();
        int day = (int) Math.floorDiv(orderedAt - dayStartEpoch[0], SECONDS_PER_DAY);
        firstDay = Math.min(firstDay, day);
        lastDay = Math.max(lastDay, day);
        return outcome >= CANCELED_SHARE + UNAVAILABLE_SHARE;
    }

    /** Freight of one line: the region's rate, +-20% by {@code jitter} (uniform in [0, 1)), plus a share of its value. */
    public static long freightCents(Region region, long unitPriceCents, int quantity, double jitter) {
        return Math.round(100 * FREIGHT_BY_REGION.get(region) * (0.8 + 0.4 * jitter)
                + FREIGHT_VALUE_SHARE * unitPriceCents * quantity);
    }

    private static void optionalTimestamp(CopyTextWriter out, long epoch, long end) {
        if (epoch <= end) {
            out.timestamp(epoch);
        } else {
            out.nullValue();
        }
    }

    // ---- time --------------------------------------------------------------------------------------------------

    private int dayOf(LocalDate date) {
        return (int) ChronoUnit.DAYS.between(plan.startDate(), date);
    }

    private LocalDate dateOfDay(int day) {
        return day == Integer.MAX_VALUE || day < 0 ? null : plan.startDate().plusDays(day);
    }

    private long epochOfDay(int day) {
        return plan.startDate().plusDays(day).atStartOfDay(plan.zone()).toEpochSecond();
    }

    /** The day holding calendar time {@code t} (cumulative weight). */
    private int dayAt(double t) {
        int found = Arrays.binarySearch(cumulativeDay, t);
        int day = found >= 0 ? found : -found - 2;
        return Math.max(0, Math.min(days - 1, day));
    }

    /**
     * The instant of calendar time {@code t} (before the window, where {@code t} is negative, every day weighs 1): its day,
     * then the position within that day's weight picks the hour by the hour-of-day weights, so times stay in order and follow
     * the daily rhythm.
     */
    private long epochAt(double t) {
        if (t < 0) {
            int day = (int) Math.floor(t);
            return epochOfDay(day) + secondsIntoDay(t - day);
        }
        int day = dayAt(t);
        return dayStartEpoch[day]
                + secondsIntoDay((t - cumulativeDay[day]) / (cumulativeDay[day + 1] - cumulativeDay[day]));
    }

    /** Seconds from midnight to the point {@code within} (0..1) of a day's weight. */
    private long secondsIntoDay(double within) {
        within = Math.max(0, Math.min(within, 0.999_999));
        double target = within * cumulativeHour[24];
        int hour = 0;
        while (hour < 23 && cumulativeHour[hour + 1] <= target) {
            hour++;
        }
        double inHour = (target - cumulativeHour[hour]) / (cumulativeHour[hour + 1] - cumulativeHour[hour]);
        return hour * 3600L + (long) (inHour * 3600);
    }

    private static double[] cumulative(double[] weights) {
        double[] cumulative = new double[weights.length + 1];
        for (int i = 0; i < weights.length; i++) {
            cumulative[i + 1] = cumulative[i] + weights[i];
        }
        return cumulative;
    }

    /** Population weights, with São Paulo raised to {@code spShare} of the total when the profile asks for it. */
    private double[] stateWeights(double spShare) {
        double[] weights = Arrays.stream(states).mapToDouble(BrazilianState::populationWeight).toArray();
        if (spShare > 0) {
            int sp = BrazilianState.SP.ordinal();
            double others = 1 - weights[sp];
            weights[sp] = spShare * others / (1 - spShare);
        }
        return weights;
    }

    // ---- entities ----------------------------------------------------------------------------------------------

    /** Where the generated rows go. */
    public record Sinks(CopyTextWriter customers, CopyTextWriter orders, CopyTextWriter items, CopyTextWriter payments) {
    }

    private record Customer(long id, String name, String segment, BrazilianState state, long createdAt) {
        void write(CopyTextWriter out, String runId) {
            out.number(id).text(name).text("cliente" + id + "@example.com.br").text(segment).text(state.region().name())
                    .text(state.uf()).text(capital(state)).timestamp(createdAt).text(runId);
            out.endRow();
        }
    }

    /** The lines of one order being built. */
    private final class Basket {
        final int[] product;
        final int[] quantity;
        final long[] priceCents;
        int size;

        Basket(int capacity) {
            product = new int[capacity * 2];
            quantity = new int[capacity * 2];
            priceCents = new long[capacity * 2];
        }

        boolean contains(int p) {
            for (int i = 0; i < size; i++) {
                if (product[i] == p) {
                    return true;
                }
            }
            return false;
        }

        void add(int p, int q) {
            product[size] = p;
            quantity[size] = q;
            priceCents[size] = catalogue.priceCents[p];
            size++;
        }
    }

    /** The products with what drives their sales, and per 30-day bucket the cumulative sales weight to draw from. */
    private final class Catalogue {
        final int size;
        final long firstId;
        final Category[] category;
        final int[] lifetime;
        final int[] launchDay;
        final long[] priceCents;
        final long[] costCents;
        final double[] popularity;
        final int[] partner;
        final List<PlantedPair> pairs = new ArrayList<>();
        double[][] buckets;
        int[] expensive;

        Catalogue(int size, long firstId) {
            this.size = size;
            this.firstId = firstId;
            category = new Category[size];
            lifetime = new int[size];
            launchDay = new int[size];
            priceCents = new long[size];
            costCents = new long[size];
            popularity = new double[size];
            partner = new int[size];
            Arrays.fill(partner, -1);
        }

        /** Pairs the most popular products two by two; the second shares the first's life (sold as a bundle). */
        void plantPairs() {
            Integer[] byPopularity = IntStream.range(0, size).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -popularity[i]).thenComparing(i -> i))
                    .toArray(Integer[]::new);
            for (int k = 0; k < PLANTED_PAIRS && 2 * k + 1 < size; k++) {
                int first = byPopularity[2 * k];
                int second = byPopularity[2 * k + 1];
                partner[first] = second;
                launchDay[second] = launchDay[first];
                lifetime[second] = lifetime[first];
                pairs.add(new PlantedPair(firstId + first, firstId + second, PAIR_ATTACH_PROBABILITY));
            }
            Integer[] byPrice = IntStream.range(0, size).boxed()
                    .sorted(Comparator.comparingLong((Integer i) -> -priceCents[i]).thenComparing(i -> i))
                    .toArray(Integer[]::new);
            expensive = Arrays.stream(byPrice).limit(Math.max(1, (long) (size * ODD_PLACE_TOP_PRICE_SHARE)))
                    .mapToInt(Integer::intValue).toArray();
        }

        void buildBuckets() {
            buckets = new double[(days + BUCKET_DAYS - 1) / BUCKET_DAYS][];
            for (int b = 0; b < buckets.length; b++) {
                double mid = b * BUCKET_DAYS + BUCKET_DAYS / 2.0;
                double[] cumulative = new double[size + 1];
                for (int i = 0; i < size; i++) {
                    double w = popularity[i] * ProductLifecycle.level(mid - launchDay[i], lifetime[i]);
                    cumulative[i + 1] = cumulative[i] + w;
                }
                if (cumulative[size] == 0) {
                    // nothing on sale (a tiny catalogue between lives): sell by popularity alone
                    for (int i = 0; i < size; i++) {
                        cumulative[i + 1] = cumulative[i] + popularity[i];
                    }
                }
                buckets[b] = cumulative;
            }
        }

        int pick(int bucket, double u) {
            double[] cumulative = buckets[bucket];
            double target = u * cumulative[size];
            int found = Arrays.binarySearch(cumulative, target);
            int index = found >= 0 ? found : -found - 2;
            // skip products that do not sell in this bucket (zero-width steps)
            while (index < size - 1 && cumulative[index + 1] <= target) {
                index++;
            }
            return Math.max(0, Math.min(size - 1, index));
        }
    }

    /** The state capital, where simulated customers of the state live. */
    static String capital(BrazilianState state) {
        return switch (state) {
            case AC -> "Rio Branco";
            case AL -> "Maceió";
            case AP -> "Macapá";
            case AM -> "Manaus";
            case BA -> "Salvador";
            case CE -> "Fortaleza";
            case DF -> "Brasília";
            case ES -> "Vitória";
            case GO -> "Goiânia";
            case MA -> "São Luís";
            case MT -> "Cuiabá";
            case MS -> "Campo Grande";
            case MG -> "Belo Horizonte";
            case PA -> "Belém";
            case PB -> "João Pessoa";
            case PR -> "Curitiba";
            case PE -> "Recife";
            case PI -> "Teresina";
            case RJ -> "Rio de Janeiro";
            case RN -> "Natal";
            case RS -> "Porto Alegre";
            case RO -> "Porto Velho";
            case RR -> "Boa Vista";
            case SC -> "Florianópolis";
            case SP -> "São Paulo";
            case SE -> "Aracaju";
            case TO -> "Palmas";
        };
    }
}
