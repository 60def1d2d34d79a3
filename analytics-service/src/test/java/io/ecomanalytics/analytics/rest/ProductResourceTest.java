package io.ecomanalytics.analytics.rest;

import static io.ecomanalytics.analytics.rest.AnalyticsCalls.num;
import static io.ecomanalytics.analytics.rest.AnalyticsCalls.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.ecomanalytics.analytics.SalesFixture;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Products over {@link SalesFixture}, H1 2024 (21 sales). Units: Alpha 17 (in 13 orders), Beta 13 (12), Gamma 8 (4), Delta 8
 * (7); revenue 170, 260, 40, 240; profit 17 x 6 = 102, 13 x 10 = 130, unknown, 8 x 15 = 120.
 */
@QuarkusTest
class ProductResourceTest extends SalesFixtureTest {
    static final String PRODUCTS = "/api/v1/analytics/products";

    @Test
    void ranksProductsByQuantityRevenueAndProfit() {
        viewer().get(PRODUCTS + "/top" + H1 + "&by=quantity").then().statusCode(200)
                .body("products.name", contains("Alpha", "Beta", "Gamma", "Delta"))
                .body("products.quantity", contains(17, 13, 8, 8))
                .body("products.orders", contains(13, 12, 4, 7));
        viewer().get(PRODUCTS + "/top" + H1 + "&by=revenue&limit=2").then().statusCode(200)
                .body("products.name", contains("Beta", "Delta"))
                .body("products.revenue", contains(num("260"), num("240")));
        viewer().get(PRODUCTS + "/top" + H1 + "&by=profit").then().statusCode(200)
                .body("products.name", contains("Beta", "Delta", "Alpha", "Gamma"))
                .body("products.profit", contains(num("130"), num("120"), num("102"), nullValue()));
    }

    /**
     * Baskets (distinct products per order), N = 21: orders with Alpha 13, Beta 12, Gamma 4, Delta 7. Pairs: Alpha+Beta in
     * orders 1, 2, 9, 12, 15, 18, 19, 22 = 8; Alpha+Delta 4, 9, 23 = 3; Beta+Delta 9, 13, 20 = 3; Alpha+Gamma 6, 19 = 2;
     * Beta+Gamma 19 = 1. Alpha+Beta: support 8/21 = 0.3810, confidence 8/13 = 0.6154 and 8/12 = 0.6667, lift 8·21/(13·12) =
     * 1.0769. Alpha+Delta: 3/21 = 0.1429, 3/13 = 0.2308, 3/7 = 0.4286, lift 63/91 = 0.6923. Beta+Delta: 0.1429, 0.25, 0.4286,
     * lift 63/84 = 0.75. minSupport 0.1 needs 2.1 orders: the Gamma pairs drop out.
     */
    @Test
    void findsPairsWithSupportConfidenceAndLift() {
        viewer().get(PRODUCTS + "/combinations" + H1 + "&minSupport=0.1").then().statusCode(200)
                .body("orders", equalTo(21))
                .body("pairs.nameA", contains("Alpha", "Alpha", "Beta"))
                .body("pairs.nameB", contains("Beta", "Delta", "Delta"))
                .body("pairs.orders", contains(8, 3, 3))
                .body("pairs.support", contains(num("0.3810"), num("0.1429"), num("0.1429")))
                .body("pairs.confidenceAtoB", contains(num("0.6154"), num("0.2308"), num("0.25")))
                .body("pairs.confidenceBtoA", contains(num("0.6667"), num("0.4286"), num("0.4286")))
                .body("pairs.lift", contains(num("1.0769"), num("0.6923"), num("0.75")));
        // Alpha+Gamma: 2/21 = 0.0952, 2/13 = 0.1538, 2/4 = 0.5, lift 42/52 = 0.8077; Beta+Gamma: lift 21/48 = 0.4375
        viewer().get(PRODUCTS + "/combinations" + H1 + "&limit=5").then().statusCode(200)
                .body("pairs.orders", contains(8, 3, 3, 2, 1))
                .body("pairs[3].support", num("0.0952"))
                .body("pairs[3].confidenceAtoB", num("0.1538"))
                .body("pairs[3].confidenceBtoA", num("0.5"))
                .body("pairs[3].lift", num("0.8077"))
                .body("pairs[4].lift", num("0.4375"));
    }

    /**
     * Toys only (Alpha, Beta): 17 of the 21 sales hold a toy (not 5, 8, 14, 17); Alpha+Beta stays in its 8 orders: support 8/17
     * = 0.4706, confidence 8/13 = 0.6154 and 8/12 = 0.6667, lift 8·17/(13·12) = 0.8718; Alpha+Delta is not a toy pair. Books
     * only (Gamma, Delta): 11 orders (4, 5, 6, 8, 9, 13, 14, 17, 19, 20, 23) and no order holds both.
     */
    @Test
    void pairsOnlyTheItemsOfTheCategory() {
        viewer().get(PRODUCTS + "/combinations" + H1 + "&category=toys").then().statusCode(200)
                .body("orders", equalTo(17))
                .body("pairs.nameA", contains("Alpha"))
                .body("pairs.nameB", contains("Beta"))
                .body("pairs.orders", contains(8))
                .body("pairs[0].support", num("0.4706"))
                .body("pairs[0].confidenceAtoB", num("0.6154"))
                .body("pairs[0].confidenceBtoA", num("0.6667"))
                .body("pairs[0].lift", num("0.8718"));
        viewer().get(PRODUCTS + "/combinations" + H1 + "&category=books").then().statusCode(200)
                .body("orders", equalTo(11))
                .body("pairs", empty());
    }

    /**
     * to = 2024-06-30: recent window Apr-Jun, previous Jan-Mar. Alpha (first sold Mar 2023): 6 vs 11 units, 6 ≤ 8.8 → decline;
     * Beta (Dec 2023): 6 vs 7, between 5.6 and 8.4 → maturity; Gamma (Dec 31 2023 local): 5 vs 3 ≥ 3.6 → growth; Delta (Jan
     * 2024): 5 vs 3 → growth. Recorded: Alpha decline (agrees), Beta growth (no), Gamma "Growth" (agrees), Delta none: 2 of 3 =
     * 0.6667. With to = 2024-03-31 (recent Jan-Mar, previous Oct-Dec 2023) Delta's first sale is in the recent window →
     * introduction; Alpha 11 vs 0, Beta 7 vs 2, Gamma 3 vs 1 → growth.
     */
    @Test
    void derivesLifecycleStagesAndAgreement() {
        viewer().get(PRODUCTS + "/lifecycle" + H1).then().statusCode(200)
                .body("stages.introduction", equalTo(0))
                .body("stages.growth", equalTo(2))
                .body("stages.maturity", equalTo(1))
                .body("stages.decline", equalTo(1))
                .body("agreement.compared", equalTo(3))
                .body("agreement.agreed", equalTo(2))
                .body("agreement.rate", num("0.6667"))
                .body("products.name", contains("Alpha", "Beta", "Gamma", "Delta"))
                .body("products.stage", contains("decline", "maturity", "growth", "growth"))
                .body("products.recentQuantity", contains(6, 6, 5, 5))
                .body("products.previousQuantity", contains(11, 7, 3, 3));
        viewer().get(PRODUCTS + "/lifecycle?from=2024-01-01&to=2024-03-31").then().statusCode(200)
                .body("stages.introduction", equalTo(1))
                .body("stages.growth", equalTo(3))
                .body("products.find { it.name == 'Delta' }.stage", equalTo("introduction"));
    }
}
