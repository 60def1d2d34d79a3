package io.ecomanalytics.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The models against the simulator's own truth, on the store {@code ./run.sh} loads: the default profile, 5 years, seed 42
 * (about 29,000 orders ending yesterday, 1,000 products, 8 planted pairs, about 170 labelled frauds). The store replaces
 * whatever the shared platform held, so the truth is this store's alone. The figures are logged for docs/models.md; the floors
 * are what the models reach on it with a margin for the calendar (the store ends on the day the test runs).
 */
class ModelTruthIT {
    private static final System.Logger LOG = System.getLogger(ModelTruthIT.class.getName());
    private static PlatformClient client;
    private static String admin;
    private static JsonNode run;

    @BeforeAll
    static void theDefaultStore() {
        client = Platform.shared().client();
        admin = client.adminToken();
        run = client.simulate(admin, Map.of("profile", "default", "seed", 42, "replace", true), Duration.ofMinutes(10));
    }

    @Test
    void theTwentyPairsOfHighestLiftHoldThePlantedPairs() {
        JsonNode truth = run.path("result").path("groundTruth").path("plantedPairs");
        assertThat(truth).hasSize(8);
        Set<List<Long>> planted = new HashSet<>();
        for (JsonNode pair : truth) {
            long a = pair.path("firstProductId").asLong();
            long b = pair.path("secondProductId").asLong();
            planted.add(List.of(Math.min(a, b), Math.max(a, b)));
        }
        JsonNode top = client.get(admin, "/api/v1/analytics/products/combinations?sort=lift&limit=20");
        long found = 0;
        for (JsonNode pair : top.path("pairs")) {
            found += planted.contains(List.of(pair.path("productA").asLong(), pair.path("productB").asLong())) ? 1 : 0;
        }
        LOG.log(System.Logger.Level.INFO,
                String.format("ModelTruthIT: %d of the 8 planted pairs in the top 20 by lift (pairs of %d+ orders)", found,
                        top.path("minOrders").asLong()));
        assertThat(found).as("planted pairs among the 20 of highest lift").isGreaterThanOrEqualTo(7);
    }

    @Test
    void lifecycleStagesAgreeWithTheSimulatorsForMostProducts() {
        JsonNode lifecycle = client.get(admin, "/api/v1/analytics/products/lifecycle?limit=1");
        JsonNode agreement = lifecycle.path("agreement");
        LOG.log(System.Logger.Level.INFO,
                String.format("ModelTruthIT: lifecycle stage agrees for %d of %d products (%s); stages %s",
                        agreement.path("agreed").asLong(), agreement.path("compared").asLong(), agreement.path("rate").asText(),
                        lifecycle.path("stages")));
        assertThat(agreement.path("compared").asLong()).isGreaterThan(500);
        // 0.75 on 2026-12-08 (714 of 950; the 1M store 0.75): the fitted lifecycle curve, goal 0.70
        assertThat(agreement.path("rate").decimalValue()).isGreaterThanOrEqualTo(new java.math.BigDecimal("0.70"));
    }

    @Test
    void theFraudScreensRankThePlantedFraudFirst() {
        for (String method : List.of("isolation-forest", "one-class-svm")) {
            JsonNode evaluation = client.get(admin, "/api/v1/analytics/anomalies/orders?limit=1&method=" + method)
                    .path("evaluation");
            LOG.log(System.Logger.Level.INFO,
                    String.format("ModelTruthIT: %s ROC-AUC %s, AUPRC %s over %d labelled frauds", method,
                            evaluation.path("rocAuc").asText(), evaluation.path("averagePrecision").asText(),
                            evaluation.path("labelledFraud").asLong()));
            assertThat(evaluation.path("labelledFraud").asLong()).isGreaterThan(100);
            assertThat(evaluation.path("rocAuc").asDouble()).as("%s ROC-AUC", method).isGreaterThanOrEqualTo(0.95);
            // AUPRC against 0.6% prevalence, 2026-12-08: forest 0.83 (0.83-0.90 with other seeds), SVM 0.91; the store ends
            // yesterday, so its orders and these figures move a little from day to day
            assertThat(evaluation.path("averagePrecision").asDouble()).as("%s AUPRC", method)
                    .isGreaterThanOrEqualTo(method.equals("one-class-svm") ? 0.8 : 0.75);
        }
    }

    @Test
    void theChosenForecastsBandsHoldTheirShareOfBacktestWeeks() {
        JsonNode forecast = client.get(admin, "/api/v1/analytics/forecast/revenue?horizonWeeks=8");
        JsonNode chosen = null;
        for (JsonNode candidate : forecast.path("candidates")) {
            if (candidate.path("model").asText().equals(forecast.path("model").asText())) {
                chosen = candidate;
            }
        }
        assertThat(chosen).isNotNull();
        LOG.log(System.Logger.Level.INFO,
                String.format("ModelTruthIT: forecast %s (%s), MASE %s, coverage 80%% %s, 95%% %s over %d origins",
                        forecast.path("model").asText(), chosen.path("variant").asText(), chosen.path("mase").asText(),
                        chosen.path("coverage80").asText(), chosen.path("coverage95").asText(),
                        chosen.path("origins").asInt()));
        assertThat(chosen.path("origins").asInt()).isEqualTo(5);
        // 40 backtest weeks: a calibrated 80% band holds about 32 of them, a 95% band about 38
        assertThat(chosen.path("coverage80").asDouble()).isBetween(0.6, 1.0);
        assertThat(chosen.path("coverage95").asDouble()).isBetween(0.8, 1.0);
    }
}
