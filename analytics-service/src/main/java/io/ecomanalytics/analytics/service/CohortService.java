package io.ecomanalytics.analytics.service;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.model.CohortRetention;
import io.ecomanalytics.analytics.model.Granularity;
import io.ecomanalytics.analytics.model.Ratios;
import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.analytics.repository.CohortRepository;

/**
 * Customer- and revenue-retention matrices of acquisition cohorts. Each cohort row runs from period 0 to the period holding
 * {@code to}; periods without activity are listed with zeros, so rows of one answer line up as a matrix.
 */
@ApplicationScoped
public class CohortService {
    private final CohortRepository repository;
    private final SalesPeriods periods;

    public CohortService(CohortRepository repository, SalesPeriods periods) {
        this.repository = repository;
        this.periods = periods;
    }

    public CohortRetention retention(SalesFilter requested, Granularity granularity) {
        SalesFilter filter = periods.resolveSeries(requested, granularity);
        Map<LocalDate, List<CohortRepository.Cell>> byCohort = new LinkedHashMap<>();
        for (CohortRepository.Cell c : repository.cells(filter, granularity)) {
            byCohort.computeIfAbsent(c.cohort(), k -> new ArrayList<>()).add(c);
        }
        List<CohortRetention.Cohort> cohorts = new ArrayList<>();
        byCohort.forEach((start, cells) -> {
            CohortRepository.Cell first = cells.get(0);
            Map<Integer, CohortRepository.Cell> byPeriod = new LinkedHashMap<>();
            cells.forEach(c -> byPeriod.put(c.period(), c));
            List<CohortRetention.Cell> row = new ArrayList<>();
            for (int p = 0; p <= lastPeriod(start, filter.to(), granularity); p++) {
                CohortRepository.Cell c = byPeriod.get(p);
                long customers = c == null ? 0 : c.customers();
                BigDecimal revenue = c == null ? BigDecimal.ZERO : c.revenue();
                row.add(new CohortRetention.Cell(p, customers, Ratios.ratio(customers, first.cohortSize()), revenue,
                        Ratios.ratio(revenue, first.initialRevenue())));
            }
            cohorts.add(new CohortRetention.Cohort(start, first.cohortSize(), first.initialRevenue(), row));
        });
        return new CohortRetention(filter.from(), filter.to(), granularity, cohorts);
    }

    /** Index of the period holding {@code to}, counted from the cohort's first period (0). */
    private static int lastPeriod(LocalDate cohort, LocalDate to, Granularity granularity) {
        if (granularity == Granularity.MONTH) {
            return (int) ChronoUnit.MONTHS.between(cohort.withDayOfMonth(1), to.withDayOfMonth(1));
        }
        return (int) ChronoUnit.WEEKS.between(cohort, to.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
    }
}
