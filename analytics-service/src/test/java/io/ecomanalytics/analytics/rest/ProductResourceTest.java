package io.ecomanalytics.analytics.rest;

import static io.ecomanalytics.analytics.rest.AnalyticsCalls.num;
import static io.ecomanalytics.analytics.rest.AnalyticsCalls.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;

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
        // by lift, pairs seen in at least three orders (the default): Alpha+Beta 1.0769, Beta+Delta 0.75, Alpha+Delta 0.6923;
        // with two, Alpha+Gamma 0.8077 joins second; with one, Beta+Gamma 0.4375 last
        viewer().get(PRODUCTS + "/combinations" + H1 + "&sort=lift").then().statusCode(200)
                .body("sort", equalTo("lift"))
                .body("minOrders", equalTo(3))
                .body("pairs.nameA", contains("Alpha", "Beta", "Alpha"))
                .body("pairs.nameB", contains("Beta", "Delta", "Delta"))
                .body("pairs.orders", contains(8, 3, 3))
                .body("pairs.lift", contains(num("1.0769"), num("0.75"), num("0.6923")));
        viewer().get(PRODUCTS + "/combinations" + H1 + "&sort=lift&minOrders=2").then().statusCode(200)
                .body("pairs.nameB", contains("Beta", "Gamma", "Delta", "Delta"))
                .body("pairs.lift", contains(num("1.0769"), num("0.8077"), num("0.75"), num("0.6923")));
        viewer().get(PRODUCTS + "/combinations" + H1 + "&sort=lift&minOrders=1").then().statusCode(200)
                .body("pairs.lift", contains(num("1.0769"), num("0.8077"), num("0.75"), num("0.6923"), num("0.4375")));
        viewer().get(PRODUCTS + "/combinations" + H1 + "&minOrders=3").then().statusCode(200)
                .body("sort", equalTo("orders"))
                .body("pairs.orders", contains(8, 3, 3));
        viewer().get(PRODUCTS + "/combinations" + H1 + "&sort=support").then().statusCode(400).body("field", equalTo("sort"));
        viewer().get(PRODUCTS + "/combinations" + H1 + "&minOrders=0").then().statusCode(400)
                .body("field", equalTo("minOrders"));
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
     * to = 2024-06-30: the recent window is the 120 days 2024-03-03..06-30, the previous one 2023-11-04..2024-03-02. Units
     * (canceled and unavailable orders are no sales): Alpha 13 and 4, Beta 8 and 7, Gamma 6 and 3, Delta 5 and 3; the store 32
     * and 17. Stages are LifecycleFit's readings of these few sales (the fit itself is checked against planted curves in
     * LifecycleFitTest; posterior shares in brackets): Alpha, sold 5 units in March 2023 and nothing for ten months, decline
     * (0.76); Beta maturity (0.59); Delta, first sold in January, growth (0.55); Gamma's growth and maturity are within 0.001,
     * so this test leaves it out. Recorded: Alpha decline (agrees), Beta growth, Gamma "Growth".
     * <p>
     * to = 2024-02-15: Alpha decline (0.84), Delta, first sold three weeks before, introduction (0.62). 2024-07-01..12-31: only
     * Alpha sold (5 July), then nothing for six months: decline (0.44) or discontinued (0.41).
     */
    @Test
    void derivesLifecycleStagesAndAgreement() {
        viewer().get(PRODUCTS + "/lifecycle" + H1).then().statusCode(200)
                .body("stages.values().sum()", equalTo(4))
                .body("agreement.compared", equalTo(3))
                .body("products.name", contains("Alpha", "Beta", "Gamma", "Delta"))
                .body("products.find { it.name == 'Alpha' }.stage", equalTo("decline"))
                .body("products.find { it.name == 'Beta' }.stage", equalTo("maturity"))
                .body("products.find { it.name == 'Delta' }.stage", equalTo("growth"))
                .body("stages.decline", equalTo(1))
                .body("products.recentQuantity", contains(13, 8, 6, 5))
                .body("products.previousQuantity", contains(4, 7, 3, 3))
                .body("products.storeRecentQuantity", contains(32, 32, 32, 32))
                .body("products.storePreviousQuantity", contains(17, 17, 17, 17))
                .body("products.firstSaleDay", contains("2023-03-10", "2023-12-20", "2023-12-31", "2024-01-25"))
                .body("products.lastSaleDay", contains("2024-06-28", "2024-06-28", "2024-06-10", "2024-06-28"));
        viewer().get(PRODUCTS + "/lifecycle?from=2024-01-01&to=2024-02-15").then().statusCode(200)
                .body("products.find { it.name == 'Alpha' }.stage", equalTo("decline"))
                .body("products.find { it.name == 'Delta' }.stage", equalTo("introduction"));
        viewer().get(PRODUCTS + "/lifecycle?from=2024-07-01&to=2024-12-31").then().statusCode(200)
                .body("products.name", contains("Alpha"))
                .body("products[0].stage", oneOf("decline", "discontinued"));
    }
}
