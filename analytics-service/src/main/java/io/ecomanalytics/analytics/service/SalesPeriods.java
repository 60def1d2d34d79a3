package io.ecomanalytics.analytics.service;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.config.AnalyticsConfig;
import io.ecomanalytics.analytics.model.Coverage;
import io.ecomanalytics.analytics.model.Granularity;
import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.analytics.repository.CoverageRepository;
import io.ecomanalytics.contracts.config.StoreSettings;
import io.ecomanalytics.contracts.problem.ApiException;

/** The store zone, and the dates a filter left open: from the first to the last order's store-zone date. */
@ApplicationScoped
public class SalesPeriods {
    private final CoverageRepository coverage;
    private final StoreSettings store;
    private final AnalyticsConfig config;

    public SalesPeriods(CoverageRepository coverage, StoreSettings store, AnalyticsConfig config) {
        this.coverage = coverage;
        this.store = store;
        this.config = config;
    }

    public ZoneId zone() {
        return store.zone();
    }

    /**
     * The filter with both dates set, for a series of buckets of {@code granularity}: refused with a 400 naming {@code from}
     * when the period is longer than such a series may span ({@link AnalyticsConfig.Series}).
     */
    public SalesFilter resolveSeries(SalesFilter requested, Granularity granularity) {
        SalesFilter filter = resolve(requested);
        AnalyticsConfig.Series limits = config.series();
        int maxDays = switch (granularity) {
            case DAY -> limits.maxDaysByDay();
            case WEEK -> limits.maxDaysByWeek();
            case MONTH -> limits.maxDaysByMonth();
        };
        long days = ChronoUnit.DAYS.between(filter.from(), filter.to()) + 1;
        if (days > maxDays) {
            throw ApiException.badRequest(SalesFilter.FROM, "a series by " + granularity.unit() + " may span at most "
                    + maxDays + " days; " + filter.from() + " to " + filter.to() + " spans " + days
                    + ": narrow from/to or choose a wider granularity");
        }
        return filter;
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
