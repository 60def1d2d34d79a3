package io.ecomanalytics.analytics.rest;

import static io.ecomanalytics.analytics.rest.AnalyticsCalls.num;
import static io.ecomanalytics.analytics.rest.AnalyticsCalls.viewer;
import static org.hamcrest.Matchers.contains;

import org.junit.jupiter.api.Test;

import io.ecomanalytics.analytics.SalesFixture;
import io.quarkus.test.junit.QuarkusTest;

/** Geography over {@link SalesFixture}, H1 2024: 21 sales, revenue 710. */
@QuarkusTest
class GeoResourceTest extends SalesFixtureTest {
    static final String GEO = "/api/v1/analytics/geo";

    /**
     * SUDESTE: 1 (150), 2 (25), 3 (120), 4 (20), person-A (30 in SP + 40 in RJ) = 385 in 11 orders by 5 persons, ticket 35,
     * shares 385/710 = 0.5423 and 11/21 = 0.5238. SUL: 110 + 20 = 130, 4 orders, 2 persons, ticket 32.50, 0.1831, 0.1905.
     * NORDESTE: 30 + 70 = 100, 3 orders, ticket 33.33, 0.1408, 0.1429. NORTE: 60, 2 orders, 0.0845, 0.0952. CENTRO_OESTE: 35, 1
     * order, 0.0493, 0.0476.
     */
    @Test
    void breaksSalesDownByRegion() {
        viewer().get(GEO + "/regions" + H1).then().statusCode(200)
                .body("areas.region", contains("SUDESTE", "SUL", "NORDESTE", "NORTE", "CENTRO_OESTE"))
                .body("areas.revenue", contains(num("385"), num("130"), num("100"), num("60"), num("35")))
                .body("areas.orders", contains(11, 4, 3, 2, 1))
                .body("areas.customers", contains(5, 2, 2, 1, 1))
                .body("areas.averageTicket", contains(num("35"), num("32.50"), num("33.33"), num("30"), num("35")))
                .body("areas.revenueShare", contains(num("0.5423"), num("0.1831"), num("0.1408"), num("0.0845"),
                        num("0.0493")))
                .body("areas.orderShare", contains(num("0.5238"), num("0.1905"), num("0.1429"), num("0.0952"),
                        num("0.0476")));
    }

    /**
     * SP: 1 (150), 2 (25), 11 (30) = 205 in 7 orders by 3 persons; RJ: 3 (120) + 12 (40) = 160, 3 orders, 2 persons; RS 110; PE
     * 70; AM 60; DF 35; BA 30; MG 20 and PR 20 tie and follow region then state order. Person-A counts once in SP and once in
     * RJ: a person who bought from two states is a customer of both.
     */
    @Test
    void breaksSalesDownByState() {
        viewer().get(GEO + "/states" + H1).then().statusCode(200)
                .body("areas.state", contains("SP", "RJ", "RS", "PE", "AM", "DF", "BA", "MG", "PR"))
                .body("areas.revenue", contains(num("205"), num("160"), num("110"), num("70"), num("60"), num("35"),
                        num("30"), num("20"), num("20")))
                .body("areas.orders", contains(7, 3, 3, 2, 2, 1, 1, 1, 1))
                .body("areas.customers", contains(3, 2, 1, 1, 1, 1, 1, 1, 1))
                .body("areas[0].revenueShare", num("0.2887"));
    }
}
