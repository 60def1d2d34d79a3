package io.ecomanalytics.analytics.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.model.GeoBreakdown;
import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.analytics.repository.GeoRepository;

/** Sales by customer region and state. */
@ApplicationScoped
public class GeoService {
    private final GeoRepository repository;
    private final SalesPeriods periods;

    public GeoService(GeoRepository repository, SalesPeriods periods) {
        this.repository = repository;
        this.periods = periods;
    }

    public GeoBreakdown regions(SalesFilter requested) {
        SalesFilter filter = periods.resolve(requested);
        return new GeoBreakdown(filter.from(), filter.to(), "region",
                repository.areas(filter, false));
    }

    public GeoBreakdown states(SalesFilter requested) {
        SalesFilter filter = periods.resolve(requested);
        return new GeoBreakdown(filter.from(), filter.to(), "state", repository.areas(filter, true));
    }
}
