package io.ecomanalytics.analytics.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.config.AnalyticsConfig;
import io.ecomanalytics.analytics.model.ProductLifecycle;
import io.ecomanalytics.analytics.model.ProductPairs;
import io.ecomanalytics.analytics.model.Ratios;
import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.analytics.model.TopProducts;
import io.ecomanalytics.analytics.repository.ProductRepository;

/** Top products, lifecycle stages and products bought together. */
@ApplicationScoped
public class ProductService {
    /** The fewest orders of a pair ranked by lift, unless the call says. */
    static final long LIFT_MIN_ORDERS = 3;
    private final ProductRepository repository;
    private final SalesPeriods periods;
    private final AnalyticsConfig config;

    public ProductService(ProductRepository repository, SalesPeriods periods, AnalyticsConfig config) {
        this.repository = repository;
        this.periods = periods;
        this.config = config;
    }

    public TopProducts top(SalesFilter requested, String by, int limit) {
        SalesFilter filter = periods.resolve(requested);
        return new TopProducts(filter.from(), filter.to(), by, repository.top(filter, by, limit));
    }

    /**
     * Pairs by count or by lift; {@code minOrders} null: 1 by count, {@value #LIFT_MIN_ORDERS} by lift. The lift of a pair seen
     * in one or two orders mostly says that both products are rare: on the 5-year default store the 20 pairs of highest lift
     * among pairs of 2+ orders held 6 of the 8 planted pairs, among pairs of 3+ all 8.
     */
    public ProductPairs combinations(SalesFilter requested, BigDecimal minSupport, Long minOrders, String sort,
            int limit) {
        SalesFilter filter = periods.resolve(requested);
        boolean byLift = ProductPairs.LIFT.equals(sort);
        long least = minOrders != null ? minOrders : byLift ? LIFT_MIN_ORDERS : 1;
        List<ProductRepository.PairCount> counts = repository.pairs(filter, minSupport, least, byLift, limit);
        long orders = counts.isEmpty() ? repository.orders(filter) : counts.get(0).orders();
        List<ProductPairs.Pair> pairs = counts.stream().map(c -> new ProductPairs.Pair(c.productA(), c.nameA(),
                c.productB(), c.nameB(), c.together(), c.withA(), c.withB(), Ratios.ratio(c.together(), c.orders()),
                Ratios.ratio(c.together(), c.withA()), Ratios.ratio(c.together(), c.withB()),
                Ratios.ratio(BigDecimal.valueOf(c.together()).multiply(BigDecimal.valueOf(c.orders())),
                        BigDecimal.valueOf(c.withA()).multiply(BigDecimal.valueOf(c.withB())))))
                .toList();
        return new ProductPairs(filter.from(), filter.to(), orders, minSupport, least, byLift
                ? ProductPairs.LIFT
                : ProductPairs.ORDERS, pairs);
    }

    /**
     * Each product's stage on the filter's {@code to}, read by {@link LifecycleFit} from its weekly units against the store's
     * daily units since the first sale in scope.
     */
    private Map<Long, String> readStages(SalesFilter filter) {
        List<ProductRepository.DayUnits> store = repository.storeUnitsByDay(filter);
        LocalDate first = store.get(0).day();
        long[] storeUnits = new long[Math.toIntExact(ChronoUnit.DAYS.between(first, filter.to()) + 1)];
        store.forEach(d -> storeUnits[(int) ChronoUnit.DAYS.between(first, d.day())] = d.quantity());
        LifecycleFit fit = new LifecycleFit(storeUnits, config.lifecycle().minLifetimeDays(),
                config.lifecycle().maxLifetimeDays());
        int weeks = (storeUnits.length + 6) / 7;
        Map<Long, long[]> byProduct = new HashMap<>();
        for (ProductRepository.WeeklyUnits w : repository.weeklyUnits(filter)) {
            byProduct.computeIfAbsent(w.productId(), id -> new long[weeks])[w.week()] = w.quantity();
        }
        // each product's fit is its own: on every processor (a thousand products of a 1M-order store take seconds on one)
        return byProduct.entrySet().parallelStream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> fit.read(e.getValue()).stage()));
    }

    /** Stages of every product sold in range; the list holds the {@code limit} best sellers. */
    public ProductLifecycle lifecycle(SalesFilter requested, int limit) {
        SalesFilter filter = periods.resolve(requested);
        List<ProductLifecycle.Product> sold = repository.trajectories(filter, LifecycleStages.recentStart(filter.to()),
                LifecycleStages.previousStart(filter.to()));
        Map<Long, String> stages = sold.isEmpty() ? Map.of() : readStages(filter);
        List<ProductLifecycle.Product> products = sold.stream()
                .map(p -> new ProductLifecycle.Product(p.productId(), p.externalId(), p.name(), p.firstSaleDay(),
                        p.lastSaleDay(), p.quantity(), p.recentQuantity(), p.previousQuantity(), p.storeRecentQuantity(),
                        p.storePreviousQuantity(), stages.get(p.productId()), p.recordedStage()))
                .toList();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String s : List.of(LifecycleStages.INTRODUCTION, LifecycleStages.GROWTH, LifecycleStages.MATURITY,
                LifecycleStages.DECLINE, LifecycleStages.DISCONTINUED)) {
            counts.put(s, products.stream().filter(p -> p.stage().equals(s)).count());
        }
        List<ProductLifecycle.Product> recorded = products.stream().filter(p -> p.recordedStage() != null).toList();
        long agreed = recorded.stream()
                .filter(p -> p.recordedStage().strip().toLowerCase(Locale.ROOT).equals(p.stage())).count();
        return new ProductLifecycle(filter.from(), filter.to(), counts,
                new ProductLifecycle.Agreement(recorded.size(), agreed, Ratios.ratio(agreed, recorded.size())),
                products.stream().limit(limit).toList());
    }
}
