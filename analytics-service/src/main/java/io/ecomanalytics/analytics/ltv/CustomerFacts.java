package io.ecomanalytics.analytics.ltv;

import java.time.OffsetDateTime;

/**
 * Every buying person's history as the models need it, one index per person ({@code id}: the smallest of their customer row
 * ids), and the number of guests left out ({@code guests}: invoices without a customer id); times in weeks from the customer's
 * first purchase. The {@code *Cal} columns stop at the calibration cut-off ({@code xCal} is −1 for customers who first bought
 * after it); {@code holdout} counts purchases after it. {@code beforeHistory} marks a customer whose account is older than the
 * first order in the data: their earlier purchases are unseen (left-censored).
 */
public record CustomerFacts(OffsetDateTime end, OffsetDateTime cutoff, long guests, long[] id, String[] cohort, double[] x,
        double[] tx,
        double[] t, double[] spend, double[] xCal, double[] txCal, double[] tCal, double[] holdout,
        boolean[] beforeHistory) {

    public int size() {
        return id.length;
    }
}
