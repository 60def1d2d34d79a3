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
 */
public record SimulationPlan(int years, int customersPerYear, int productsPerYear, LocalDate startDate, long seed,
        double fraudRate, Profile profile, double cagr, ZoneId zone, List<MarketCalendar.Promotion> promotions) {

    public LocalDate endDate() {
        return startDate.plusYears(years);
    }

    /** Customers acquired in year {@code year} (0-based): growing by the CAGR, {@code customersPerYear} on average. */
    public int customersInYear(int year) {
        double growth = 1 + cagr;
        double sum = 0;
        for (int k = 0; k < years; k++) {
            sum += Math.pow(growth, k);
        }
        return (int) Math.round((double) customersPerYear * years * Math.pow(growth, year) / sum);
    }
}
