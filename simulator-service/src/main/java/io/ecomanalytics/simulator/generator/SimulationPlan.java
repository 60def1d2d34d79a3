package io.ecomanalytics.simulator.generator;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Everything a generation depends on, resolved: the same plan always gives the same rows.
 *
 * @param startDate
 *            first day of the data, in the store zone; the data ends the day before {@code startDate + years}
 * @param cagr
 *            yearly growth of the customers acquired
 * @param warmUpYears
 *            years the store traded before {@code startDate}: cohorts acquired then (growing by the same CAGR) buy in the
 *            window too, but only their orders from {@code startDate} on are written; 0 opens the store on the start date
 */
public record SimulationPlan(int years, int customersPerYear, int productsPerYear, LocalDate startDate, long seed,
        double fraudRate, Profile profile, double cagr, int warmUpYears, ZoneId zone,
        List<MarketCalendar.Promotion> promotions) {

    public LocalDate endDate() {
        return startDate.plusYears(years);
    }

    /**
     * Customers acquired in year {@code year} (0-based; negative for the warm-up): growing by the CAGR,
     * {@code customersPerYear} on average over the window.
     */
    public int customersInYear(int year) {
        double growth = 1 + cagr;
        double sum = 0;
        for (int k = 0; k < years; k++) {
            sum += Math.pow(growth, k);
        }
        return (int) Math.round((double) customersPerYear * years * Math.pow(growth, year) / sum);
    }
}
