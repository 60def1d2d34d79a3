package io.ecomanalytics.analytics.service;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

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

    public ProductService(ProductRepository repository, SalesPeriods periods) {
        this.repository = repository;
        this.periods = periods;
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

    /** Stages of every product sold in range; the list holds the {@code limit} best sellers. */
    public ProductLifecycle lifecycle(SalesFilter requested, int limit) {
        SalesFilter filter = periods.resolve(requested);
        List<ProductLifecycle.Product> products = repository.trajectories(filter,
                LifecycleRule.recentStart(filter.to()), LifecycleRule.previousStart(filter.to())).stream()
                .map(p -> new ProductLifecycle.Product(p.productId(), p.externalId(), p.name(), p.firstSaleDay(),
                        p.lastSaleDay(), p.quantity(), p.recentQuantity(), p.previousQuantity(), p.storeRecentQuantity(),
                        p.storePreviousQuantity(),
                        LifecycleRule.stage(p.firstSaleDay(), p.lastSaleDay(), p.recentQuantity(), p.previousQuantity(),
                                p.storeRecentQuantity(), p.storePreviousQuantity(), filter.to()),
                        p.recordedStage()))
                .toList();
        Map<String, Long> stages = new LinkedHashMap<>();
        for (String s : List.of(LifecycleRule.INTRODUCTION, LifecycleRule.GROWTH, LifecycleRule.MATURITY,
                LifecycleRule.DECLINE, LifecycleRule.DISCONTINUED)) {
            stages.put(s, products.stream().filter(p -> p.stage().equals(s)).count());
        }
        List<ProductLifecycle.Product> recorded = products.stream().filter(p -> p.recordedStage() != null).toList();
        long agreed = recorded.stream()
                .filter(p -> p.recordedStage().strip().toLowerCase(Locale.ROOT).equals(p.stage())).count();
        return new ProductLifecycle(filter.from(), filter.to(), stages,
                new ProductLifecycle.Agreement(recorded.size(), agreed, Ratios.ratio(agreed, recorded.size())),
                products.stream().limit(limit).toList());
    }
}
