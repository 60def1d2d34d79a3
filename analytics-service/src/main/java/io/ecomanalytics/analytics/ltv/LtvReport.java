package io.ecomanalytics.analytics.ltv;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Customer lifetime value over {@code months}: the fitted models, the holdout check, totals, summaries by acquisition cohort
 * (month of first purchase, store zone) and by RFM segment, and one page of customers by CLV, highest first. A customer is a
 * person, as RFM counts them (customer rows sharing a unique id are one person); {@code guests}, sales without a customer id,
 * are left out of the models and counted.
 */
public record LtvReport(int months, double monthlyDiscountRate, long customers,
        @Schema(description = "Persons left out as guests: an imported invoice without a customer id") long guests,
        @Schema(description = "The fitted models; null when nobody bought in scope") Parameters parameters,
        @Schema(description = "The calibration check; null when nobody bought in scope") Holdout holdout,
        Totals totals, List<Cohort> cohorts, List<Segment> segments, int page, int size, List<CustomerLtv> rows) {

    /**
     * BG/NBD (r, α in weeks, a, b) and Gamma-Gamma (p, q, γ) estimates, fitted on the whole history of the customers seen from
     * their start ({@code customersFitted}, up to the configured sample); {@code customersBeforeHistory} had accounts older
     * than the first order in the data, so their earlier purchases are unseen: they are predicted, not fitted on.
     */
    public record Parameters(long customersFitted, long customersBeforeHistory, double r, double alpha, double a, double b,
            double p, double q, double gamma) {
    }

    /**
     * The calibration check: the model fitted on the orders up to {@code cutoff} predicts each customer's purchases in the
     * {@code weeks} after it; {@code relativeError} = predicted / actual − 1.
     */
    public record Holdout(OffsetDateTime cutoff, int weeks, long customers, double predictedPurchases,
            long actualPurchases, Double relativeError) {
    }

    public record Totals(double expectedPurchases, BigDecimal clv) {
    }

    @Schema(name = "LtvCohort")
    public record Cohort(String cohort, long customers, double expectedPurchases, double meanProbabilityAlive,
            BigDecimal clv) {
    }

    /**
     * The customers of one RFM segment (scored over the whole history, as {@code customers/rfm} scores it), every segment in
     * the map's order; the means are null for an empty segment.
     */
    @Schema(name = "LtvSegment")
    public record Segment(String segment, long customers, BigDecimal meanClv, BigDecimal totalClv,
            Double meanProbabilityAlive) {
    }

    /**
     * One customer (a person, {@code customerId} the smallest of their customer row ids): repeat purchases, weeks from first to
     * last purchase and to the end of the data, and the predictions.
     */
    public record CustomerLtv(long customerId, String cohort, int repeatPurchases, double recencyWeeks, double ageWeeks,
            BigDecimal averageRepeatSpend, double probabilityAlive, double expectedPurchases,
            BigDecimal expectedSpendPerPurchase, BigDecimal clv) {
    }
}
