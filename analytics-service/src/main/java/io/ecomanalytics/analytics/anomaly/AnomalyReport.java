package io.ecomanalytics.analytics.anomaly;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The most anomalous orders of a period, and how the model did: the training size, the time taken, and — where the simulator
 * labelled its planted fraud — ROC-AUC and average precision of the ranking over every scored order.
 */
public record AnomalyReport(String method, long ordersScored, int trainingOrders, List<AnomalousOrder> orders,
        @Schema(description = "Pass as after= for the next page of the ranking; null on its last page") String nextCursor,
        Evaluation evaluation, Timings timings) {

    /** One flagged order, with its features' values and the ones furthest from usual (largest |z| first). */
    public record AnomalousOrder(long orderId, long customerId, OffsetDateTime orderedAt, double score, BigDecimal total,
            List<Feature> standouts) {
    }

    public record Feature(String name, double value, double z) {
    }

    /** Against {@code is_simulated_fraud}; null unless the scored orders hold both labelled and unlabelled ones. */
    public record Evaluation(long labelledFraud, double rocAuc, double averagePrecision, double prevalence) {
    }

    public record Timings(long trainingMillis, long scoringMillis) {
    }
}
