package io.ecomanalytics.simulator.generator;

import java.util.List;
import java.util.Map;

import io.ecomanalytics.contracts.geo.Region;

/**
 * Every number of the generation model that carries business meaning, each with its source or reason. Nothing else in the
 * simulator hard-codes a share, a multiplier or a price.
 */
public final class SimulationConstants {
    private SimulationConstants() {
    }

    // ---- time ---------------------------------------------------------------------------------------------------

    /**
     * Monthly seasonality index, January first. Shape of Brazilian e-commerce revenue by month (Neotrust/ABComm yearly reports
     * and the Olist 2017 orders): November and December strongest, February (Carnival, short month) weakest.
     */
    public static final double[] MONTH_INDEX = {0.92, 0.85, 0.97, 0.95, 1.02, 0.96, 0.97, 1.00, 0.96, 1.00, 1.15, 1.25};

    /**
     * Weekday index, Monday first. Olist orders by weekday: Monday and Tuesday busiest, Saturday quietest (about 30% below
     * Monday).
     */
    public static final double[] WEEKDAY_INDEX = {1.12, 1.10, 1.06, 1.02, 0.96, 0.80, 0.94};

    /** Hour-of-day weights 00..23 in the store zone: Olist order timestamps, night trough 2-6 h, plateau 10-22 h. */
    public static final double[] HOUR_WEIGHTS = {2.2, 1.1, 0.5, 0.3, 0.2, 0.4, 1.0, 2.7, 5.0, 5.6, 6.4, 6.6, 6.2, 6.6,
            6.7, 6.5, 6.5, 6.0, 5.6, 5.8, 6.1, 6.1, 5.7, 4.1};

    /** The week (Monday-Sunday) of Black Friday: Brazilian retail's biggest week since ~2015 (ABComm). */
    public static final double BLACK_FRIDAY_WEEK = 2.2;
    /** Black Friday itself on top of its week: Olist 24 Nov 2017 had ~4x an ordinary November day. */
    public static final double BLACK_FRIDAY_DAY = 2.0;
    /** Christmas run-up, 10-23 December: gift buying before the last delivery dates. */
    public static final double CHRISTMAS_RUN_UP = 1.5;
    public static final int CHRISTMAS_RUN_UP_FIRST_DAY = 10;
    public static final int CHRISTMAS_RUN_UP_LAST_DAY = 23;
    /** 24-25 December: stores and carriers stop. */
    public static final double CHRISTMAS_DAYS = 0.6;
    /** The 7 days up to Brazilian Mother's Day (second Sunday of May), the second retail date of the year (CNDL). */
    public static final double MOTHERS_DAY_WEEK = 1.4;
    public static final int MOTHERS_DAY_LEAD_DAYS = 7;
    /** Carnival Saturday to Ash Wednesday: national holidays, online sales dip. */
    public static final double CARNIVAL_DIP = 0.6;
    /** Carnival Tuesday is 47 days before Easter Sunday (Gregorian computus). */
    public static final int CARNIVAL_DAYS_BEFORE_EASTER = 47;

    // ---- growth and customers -----------------------------------------------------------------------------------

    /** Yearly growth of customers acquired: Brazilian e-commerce grew 12-20% a year in 2017-2023 (ABComm); we take 15%. */
    public static final double DEFAULT_CAGR = 0.15;

    /**
     * Years the store has traded before the data starts, when the request gives none. A year's orders are its new customers'
     * first orders plus the repeats of every earlier cohort; with no earlier cohorts the first years lack those repeats and
     * grow much faster than the CAGR (+54%, +24%, +19% for 15%). The default behaviour's repeats thin out slowly (a power tail,
     * from the Gamma-distributed rates), and 5 years of earlier cohorts bring every year's order growth within 0.7 points of a
     * 15% CAGR (expected repeats by age in docs/simulator.md); 10 would give 0.1 points for twice the warm-up.
     */
    public static final int DEFAULT_WARM_UP_YEARS = 5;

    /** Segments and their shares of new customers: mostly consumers, some companies buying supplies, a few VIPs. */
    public static final Map<String, Double> SEGMENT_SHARES = Map.of("consumer", 0.85, "business", 0.10, "vip", 0.05);
    /** Businesses buy several units of a line. */
    public static final int BUSINESS_MAX_QUANTITY = 6;

    /** Olist: 42% of customers in São Paulo state (twice its population share) - the olist-like profile's target. */
    public static final double OLIST_SP_SHARE = 0.42;

    /** Sales channels and shares: web and app about even in Brazilian retail, a marketplace tail. */
    public static final Map<String, Double> CHANNEL_SHARES = Map.of("web", 0.45, "app", 0.45, "marketplace", 0.10);

    // ---- products ----------------------------------------------------------------------------------------------

    /** A catalogue category: list price drawn log-uniformly in [minPrice, maxPrice], cost as a share of price. */
    public record Category(String name, double minPrice, double maxPrice, double minCostShare, double maxCostShare) {
    }

    /** Olist's largest categories with their typical price bands (BRL) and retail gross margins of 15-60%. */
    public static final List<Category> CATEGORIES = List.of(
            new Category("electronics", 60, 1500, 0.75, 0.85),
            new Category("computers_accessories", 30, 1500, 0.72, 0.85),
            new Category("fashion", 30, 300, 0.40, 0.60),
            new Category("health_beauty", 15, 250, 0.45, 0.60),
            new Category("bed_bath_table", 30, 400, 0.50, 0.65),
            new Category("sports_leisure", 25, 900, 0.55, 0.70),
            new Category("furniture_decor", 50, 1200, 0.55, 0.70),
            new Category("housewares", 20, 500, 0.55, 0.70),
            new Category("toys", 20, 400, 0.50, 0.65),
            new Category("books", 15, 150, 0.60, 0.75));

    /** Product popularity is log-normal: a few best sellers, a long tail (sigma 1 gives the top 20% about 60% of sales). */
    public static final double POPULARITY_SIGMA = 1.0;

    /** Lifetime of a product from launch to discontinuation, in days: fashion-to-durables range of 1.5 to 5 years. */
    public static final int MIN_LIFETIME_DAYS = 540;
    public static final int MAX_LIFETIME_DAYS = 1825;
    /** Shares of the lifetime spent in introduction, growth and maturity; the rest is decline (Levitt's curve). */
    public static final double INTRODUCTION_SHARE = 0.10;
    public static final double GROWTH_SHARE = 0.20;
    public static final double MATURITY_SHARE = 0.45;
    /** Relative sales at launch and at discontinuation compared with maturity. */
    public static final double LAUNCH_LEVEL = 0.15;
    public static final double INTRODUCTION_END_LEVEL = 0.40;
    public static final double END_OF_LIFE_LEVEL = 0.10;

    /** Planted product pairs ("bought together"): phone + case, printer + ink. Enough to find, few enough to be rare. */
    public static final int PLANTED_PAIRS = 8;
    /** Chance that a basket holding the first product of a pair also gets the second. */
    public static final double PAIR_ATTACH_PROBABILITY = 0.6;

    // ---- orders ------------------------------------------------------------------------------------------------

    /** Freight per item by destination region (BRL): Olist's mean freight ~20, cheapest within the Sudeste. */
    public static final Map<Region, Double> FREIGHT_BY_REGION = Map.of(Region.SUDESTE, 15.0, Region.SUL, 18.0,
            Region.CENTRO_OESTE, 22.0, Region.NORDESTE, 26.0, Region.NORTE, 30.0);
    /** Freight also grows with the goods' value (insurance, size): 2% of the line price. */
    public static final double FREIGHT_VALUE_SHARE = 0.02;
    /** Delivery days by region after shipping: Olist mean 8 days in SP, 15-25 in the North. */
    public static final Map<Region, Integer> DELIVERY_DAYS_BY_REGION = Map.of(Region.SUDESTE, 6, Region.SUL, 9,
            Region.CENTRO_OESTE, 11, Region.NORDESTE, 14, Region.NORTE, 18);
    /** Stores promise a date with slack: Olist estimates were ~11 days later than delivery on average. */
    public static final int PROMISE_SLACK_DAYS = 10;
    /** Days from approval to hand-over to the carrier. */
    public static final int MAX_HANDLING_DAYS = 3;

    /** Final status of an order old enough to have been delivered: Olist 97% delivered, ~0.6% canceled, ~0.6% unavailable. */
    public static final double CANCELED_SHARE = 0.012;
    public static final double UNAVAILABLE_SHARE = 0.006;

    /** Payment types and shares: Olist payments 74% credit card, 19% boleto, 5% voucher, 2% debit card. */
    public static final Map<String, Double> PAYMENT_SHARES = Map.of("credit_card", 0.74, "boleto", 0.19, "voucher", 0.05,
            "debit_card", 0.02);
    /** Card payments split into up to 10 interest-free installments, roughly one per 100 BRL (Olist median 3). */
    public static final double BRL_PER_INSTALLMENT = 100;
    public static final int MAX_INSTALLMENTS = 10;

    // ---- fraud -------------------------------------------------------------------------------------------------

    /** Share of anomalous orders when the request gives none: card-not-present fraud rates of 0.3-1% (LexisNexis). */
    public static final double DEFAULT_FRAUD_RATE = 0.005;
    /** Extreme quantity: a line of 20-60 units of one product. */
    public static final int FRAUD_MIN_QUANTITY = 20;
    public static final int FRAUD_MAX_QUANTITY = 60;
    /** Price far from the product's: 5-20% of list (price-tampering) or 5-10x (card testing with resold goods). */
    public static final double FRAUD_LOW_PRICE_MIN = 0.05;
    public static final double FRAUD_LOW_PRICE_MAX = 0.20;
    public static final double FRAUD_HIGH_PRICE_MIN = 5;
    public static final double FRAUD_HIGH_PRICE_MAX = 10;
    /** A burst from a new account: 3-6 orders within an hour of sign-up. */
    public static final int BURST_MIN_ORDERS = 3;
    public static final int BURST_MAX_ORDERS = 6;
    public static final int BURST_WINDOW_MINUTES = 60;
    /** Unusual hour and place: 02-04 h, shipped to one of the least-populated states, high-value goods. */
    public static final int ODD_HOUR_FIRST = 2;
    public static final int ODD_HOUR_LAST = 4;
    public static final List<String> ODD_PLACE_STATES = List.of("RR", "AP", "AC");
    /** Odd-hour orders buy the most expensive products: the top tenth of the catalogue by price. */
    public static final double ODD_PLACE_TOP_PRICE_SHARE = 0.10;

    // ---- profiles ----------------------------------------------------------------------------------------------

    /**
     * How customers of a profile buy. Repeat purchasing follows BG/NBD (Fader, Hardie and Lee 2005): while alive a customer
     * places orders at rate lambda ~ Gamma(shape r, rate alpha) per (seasonally weighted) day and after each repeat sale (not
     * after a canceled or unavailable order) drops out with probability p ~ Beta(a, b).
     *
     * @param basketSizeWeights
     *            weights of 1, 2, 3, ... distinct products per order
     * @param spShare
     *            São Paulo's share of customers, or 0 to place customers by population alone
     */
    public record Behaviour(double r, double alpha, double a, double b, double[] basketSizeWeights, double spShare) {
    }

    /**
     * The original design's store: a customer buys about every four months while alive (mean rate 2/240 per day) and makes 2.3
     * repeat purchases on average over an unbounded time (E[1/p] = (a+b-1)/(a-1)), 80% of its orders within two years of its
     * acquisition. Baskets of 1-4 products.
     */
    public static final Behaviour DEFAULT_BEHAVIOUR = new Behaviour(2.0, 240, 2.5, 2.0,
            new double[]{0.62, 0.25, 0.09, 0.04}, 0);
    /** Olist 2016-2018: ~97% of customers buy once, 90% of orders hold one product, São Paulo ~42% of buyers. */
    public static final Behaviour OLIST_LIKE_BEHAVIOUR = new Behaviour(0.05, 400, 2.0, 3.0,
            new double[]{0.90, 0.07, 0.02, 0.01}, OLIST_SP_SHARE);

    /** Units per line: Olist order items are 1 unit in ~90% of lines. */
    public static final double[] QUANTITY_WEIGHTS = {0.88, 0.09, 0.03};
}
