package io.ecomanalytics.analytics.service;

import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.model.Coverage;
import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.analytics.repository.CoverageRepository;
import io.ecomanalytics.contracts.config.StoreSettings;

/** The store zone, and the dates a filter left open: from the first to the last order's store-zone date. */
@ApplicationScoped
public class SalesPeriods {
    private final CoverageRepository coverage;
    private final StoreSettings store;

    public SalesPeriods(CoverageRepository coverage, StoreSettings store) {
        this.coverage = coverage;
        this.store = store;
    }

    public ZoneId zone() {
        return store.zone();
    }

    /** The filter with both dates set; with no orders at all an open date becomes today. */
    public SalesFilter resolve(SalesFilter filter) {
        if (filter.from() != null && filter.to() != null) {
            return filter;
        }
        Coverage data = coverage.coverage();
        LocalDate today = LocalDate.now(zone());
        LocalDate first = data.firstOrderAt() == null ? today : data.firstOrderAt().atZoneSameInstant(zone()).toLocalDate();
        LocalDate last = data.lastOrderAt() == null ? today : data.lastOrderAt().atZoneSameInstant(zone()).toLocalDate();
        LocalDate from = filter.from() != null ? filter.from() : first;
        LocalDate to = filter.to() != null ? filter.to() : last;
        return filter.withDates(from, to.isBefore(from) ? from : to);
    }
}
