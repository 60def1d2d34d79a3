package io.ecomanalytics.analytics.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Acquisition cohorts (customers by the bucket of their first sale) and, for every later bucket, how many of them bought again
 * and what they spent: counts and rates against period 0 for customers and for revenue.
 */
public record CohortRetention(LocalDate from, LocalDate to, Granularity granularity, List<Cohort> cohorts)
        implements
            CsvExportable {

    public record Cohort(LocalDate cohort, long size, BigDecimal initialRevenue, List<Cell> periods) {
    }

    /** Period {@code n} after acquisition: customers active in it and their revenue, absolute and as a share of period 0. */
    public record Cell(int period, long customers, BigDecimal customerRetention, BigDecimal revenue,
            BigDecimal revenueRetention) {
    }

    @Override
    public CsvTable toCsv() {
        List<List<Object>> rows = new ArrayList<>();
        for (Cohort c : cohorts) {
            for (Cell cell : c.periods()) {
                rows.add(Arrays.asList(c.cohort(), c.size(), cell.period(), cell.customers(), cell.customerRetention(),
                        cell.revenue(), cell.revenueRetention()));
            }
        }
        return new CsvTable(List.of("cohort", "cohortSize", "period", "customers", "customerRetention", "revenue",
                "revenueRetention"), rows);
    }
}
