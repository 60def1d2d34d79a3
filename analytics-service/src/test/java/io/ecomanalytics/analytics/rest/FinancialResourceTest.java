package io.ecomanalytics.analytics.rest;

import static io.ecomanalytics.analytics.rest.AnalyticsCalls.num;
import static io.ecomanalytics.analytics.rest.AnalyticsCalls.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.ecomanalytics.analytics.SalesFixture;
import io.quarkus.test.junit.QuarkusTest;

/** Financial KPIs over {@link SalesFixture}, H1 2024 (2024-01-01..2024-06-30, 182 days). */
@QuarkusTest
class FinancialResourceTest extends SalesFixtureTest {
    static final String SUMMARY = "/api/v1/analytics/financial/summary";
    static final String TIMESERIES = "/api/v1/analytics/financial/timeseries";

    /**
     * Sales in range: orders 1-6, 8-15, 17-23 = 21 (7 canceled, 16 unavailable excluded; 24, 25, 27 before, 26 after). Revenue
     * 150 (cust 1) + 25 + 120 + 20 + 110 + 20 + 30 + 70 + 35 + 60 + 70 (person-A) = 710. Unknown cost: orders 5, 6, 14, 19 =
     * 80, so revenue with known cost 630 and cost 18+14+20+19 + 30+29 + 10 + 12+14+25 + 14 + 15+18 + 25+4 + 14+19 = 300: profit
     * 330, margin 330/630 = 0.5238, known-cost share 630/710 = 0.8873. Items 46, ticket 710/21 = 33.81, 11 persons. Previous
     * period 2023-07-03..2023-12-31: orders 24 (40, cost 20) and 27 (5, unknown; 23:30 on Dec 31 local is Jan 1 UTC): revenue
     * 45, profit 20, ticket 22.50, 2 persons; growth (710-45)/45 = 14.7778, orders 19/2 = 9.5, profit 310/20 = 15.5, ticket
     * 11.31/22.50 = 0.5027, customers 9/2 = 4.5. A year earlier 2023-01-01..2023-06-30: order 25, 50 (cost 20): revenue growth
     * 660/50 = 13.2, margin 30/50 = 0.6.
     */
    @Test
    void summarisesThePeriodAgainstThePreviousOneAndTheYearBefore() {
        viewer().get(SUMMARY + "?from=2024-01-01&to=2024-06-30").then().statusCode(200)
                .body("current.orders", equalTo(21))
                .body("current.items", equalTo(46))
                .body("current.revenue", num("710"))
                .body("current.revenueWithKnownCost", num("630"))
                .body("current.knownCostShare", num("0.8873"))
                .body("current.cost", num("300"))
                .body("current.grossProfit", num("330"))
                .body("current.margin", num("0.5238"))
                .body("current.averageTicket", num("33.81"))
                .body("current.uniqueCustomers", equalTo(11))
                .body("previousPeriod.from", equalTo("2023-07-03"))
                .body("previousPeriod.to", equalTo("2023-12-31"))
                .body("previousPeriod.metrics.orders", equalTo(2))
                .body("previousPeriod.metrics.revenue", num("45"))
                .body("previousPeriod.metrics.grossProfit", num("20"))
                .body("previousPeriod.metrics.averageTicket", num("22.50"))
                .body("previousPeriod.revenueGrowth", num("14.7778"))
                .body("previousPeriod.ordersGrowth", num("9.5"))
                .body("previousPeriod.grossProfitGrowth", num("15.5"))
                .body("previousPeriod.averageTicketGrowth", num("0.5027"))
                .body("previousPeriod.uniqueCustomersGrowth", num("4.5"))
                .body("samePeriodLastYear.from", equalTo("2023-01-01"))
                .body("samePeriodLastYear.metrics.revenue", num("50"))
                .body("samePeriodLastYear.metrics.margin", num("0.6"))
                .body("samePeriodLastYear.revenueGrowth", num("13.2"));
    }

    /** Parana: only order 14 (Gamma x4 = 20, cost unknown): profit and margin null, not zero; known-cost share 0. */
    @Test
    void reportsProfitAsUnknownWhenNoCostIsKnown() {
        viewer().get(SUMMARY + "?from=2024-01-01&to=2024-06-30&state=PR").then().statusCode(200)
                .body("current.orders", equalTo(1))
                .body("current.revenue", num("20"))
                .body("current.cost", nullValue())
                .body("current.grossProfit", nullValue())
                .body("current.margin", nullValue())
                .body("current.revenueWithKnownCost", num("0"))
                .body("current.knownCostShare", num("0"));
    }

    /**
     * Books (Gamma, Delta) only, counting just those items: orders 4, 5, 6, 8, 9, 13, 14, 17, 19, 20, 23 = 11; revenue Gamma 8
     * units x 5 = 40 + Delta 8 x 30 = 240 = 280; known cost only on Delta: 120, profit 120, margin 0.5, share 240/280 = 0.8571.
     * Region SUL: customers 5 and 6, orders 11-14, revenue 110 + 20 = 130.
     */
    @Test
    void filtersByCategoryAndRegion() {
        viewer().get(SUMMARY + "?from=2024-01-01&to=2024-06-30&category=books").then().statusCode(200)
                .body("current.orders", equalTo(11))
                .body("current.items", equalTo(16))
                .body("current.revenue", num("280"))
                .body("current.grossProfit", num("120"))
                .body("current.margin", num("0.5"))
                .body("current.knownCostShare", num("0.8571"));
        viewer().get(SUMMARY + "?from=2024-01-01&to=2024-06-30&region=sul").then().statusCode(200)
                .body("current.orders", equalTo(4))
                .body("current.revenue", num("130"));
    }

    /**
     * Months in the store zone: Jan 40+10+20+50 = 120 (4 orders), Feb 30+60+30 = 120, Mar 15+30+30+10+30 = 115 (order 6 at
     * 23:30 on Mar 31 local belongs to March although it is April in UTC), Apr 40+30 = 70, May 50+35 = 85, Jun 40+60+20+40+40 =
     * 200. Growth against the month before: 0, -5/120 = -0.0417, -45/115 = -0.3913, 15/70 = 0.2143, 115/85 = 1.3529.
     */
    @Test
    void bucketsByStoreZoneMonth() {
        viewer().get(TIMESERIES + "?from=2024-01-01&to=2024-06-30&granularity=month").then().statusCode(200)
                .body("points.period", contains("2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01",
                        "2024-06-01"))
                .body("points.metrics.revenue", contains(num("120"), num("120"), num("115"), num("70"), num("85"),
                        num("200")))
                .body("points.metrics.orders", contains(4, 3, 5, 2, 2, 5))
                .body("points.revenueGrowth", contains(nullValue(), num("0"), num("-0.0417"), num("-0.3913"),
                        num("0.2143"), num("1.3529")));
    }

    /** Days 2024-03-30..2024-04-01 (store zone): order 6 on Mar 31, nothing else; empty days are listed with zeros. */
    @Test
    void listsEmptyDays() {
        viewer().get(TIMESERIES + "?from=2024-03-30&to=2024-04-01").then().statusCode(200)
                .body("points.period", contains("2024-03-30", "2024-03-31", "2024-04-01"))
                .body("points.metrics.orders", contains(0, 1, 0))
                .body("points.metrics.revenue", contains(num("0"), num("15"), num("0")))
                .body("points.metrics.averageTicket", contains(nullValue(), num("15"), nullValue()));
    }
}
