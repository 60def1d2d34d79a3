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

    public ProductPairs combinations(SalesFilter requested, BigDecimal minSupport, int limit) {
        SalesFilter filter = periods.resolve(requested);
        List<ProductRepository.PairCount> counts = repository.pairs(filter, minSupport, limit);
        long orders = counts.isEmpty() ? repository.orders(filter) : counts.get(0).orders();
        List<ProductPairs.Pair> pairs = counts.stream().map(c -> new ProductPairs.Pair(c.productA(), c.nameA(),
                c.productB(), c.nameB(), c.together(), c.withA(), c.withB(), Ratios.ratio(c.together(), c.orders()),
                Ratios.ratio(c.together(), c.withA()), Ratios.ratio(c.together(), c.withB()),
                Ratios.ratio(BigDecimal.valueOf(c.together()).multiply(BigDecimal.valueOf(c.orders())),
                        BigDecimal.valueOf(c.withA()).multiply(BigDecimal.valueOf(c.withB())))))
                .toList();
        return new ProductPairs(filter.from(), filter.to(), orders, minSupport, pairs);
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
