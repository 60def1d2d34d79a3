package io.ecomanalytics.analytics.service;

import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.model.FinancialMetrics;
import io.ecomanalytics.analytics.model.FinancialSummary;
import io.ecomanalytics.analytics.model.FinancialTimeseries;
import io.ecomanalytics.analytics.model.Granularity;
import io.ecomanalytics.analytics.model.Ratios;
import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.analytics.repository.FinancialRepository;

/** Financial KPIs of a period, against the period before it and the same dates a year earlier. */
@ApplicationScoped
public class FinancialService {
    private final FinancialRepository repository;
    private final SalesPeriods periods;

    public FinancialService(FinancialRepository repository, SalesPeriods periods) {
        this.repository = repository;
        this.periods = periods;
    }

    public FinancialSummary summary(SalesFilter requested) {
        SalesFilter filter = periods.resolve(requested);
        long days = ChronoUnit.DAYS.between(filter.from(), filter.to()) + 1;
        SalesFilter previous = filter.withDates(filter.from().minusDays(days), filter.from().minusDays(1));
        SalesFilter yearAgo = filter.withDates(filter.from().minusYears(1), filter.to().minusYears(1));
        FinancialMetrics current = repository.totals(filter);
        return new FinancialSummary(filter.from(), filter.to(), current,
                comparison(current, previous), comparison(current, yearAgo));
    }

    private FinancialSummary.Comparison comparison(FinancialMetrics current, SalesFilter then) {
        return FinancialSummary.Comparison.of(then.from(), then.to(), current,
                repository.totals(then));
    }

    public FinancialTimeseries timeseries(SalesFilter requested, Granularity granularity) {
        SalesFilter filter = periods.resolveSeries(requested, granularity);
        List<FinancialTimeseries.Point> points = new ArrayList<>();
        BigDecimal before = null;
        for (FinancialRepository.Bucket b : repository.buckets(filter, granularity)) {
            points.add(new FinancialTimeseries.Point(b.period(), b.metrics(),
                    Ratios.growth(b.metrics().revenue(), before)));
            before = b.metrics().revenue();
        }
        return new FinancialTimeseries(filter.from(), filter.to(), granularity, points);
    }
}
