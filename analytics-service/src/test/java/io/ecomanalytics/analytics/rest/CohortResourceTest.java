package io.ecomanalytics.analytics.rest;

import static io.ecomanalytics.analytics.rest.AnalyticsCalls.num;
import static io.ecomanalytics.analytics.rest.AnalyticsCalls.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.ecomanalytics.analytics.SalesFixture;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Cohorts over {@link SalesFixture}, H1 2024. First sales: persons 4 (Dec 2023), 7 (Dec 31 2023 local) and 9 (Mar 2023) were
 * acquired before the range and are left out. January: 1, 2, 10; February: 3; March: 5, person-A; April: 8; June: 6.
 *
 * <pre>
 * cohort size  period: customers / revenue                                 customer retention        revenue retention
 * Jan    3     0: 3/100  1: 1/30  2: 2/25  3: 1/40  4: 0/0  5: 1/40        1 .3333 .6667 .3333 0 .3333  1 .3 .25 .4 0 .4
 * Feb    1     0: 1/60   4: 1/60                                          1 0 0 0 1                 1 0 0 0 1
 * Mar    2     0: 2/90   2: 1/50   3: 1/40                                1 0 .5 .5                 1 0 .5556 .4444
 * Apr    1     0: 1/30   2: 1/40                                          1 0 1                     1 0 1.3333
 * Jun    1     0: 1/20                                                    1                         1
 * </pre>
 */
@QuarkusTest
class CohortResourceTest extends SalesFixtureTest {
    static final String RETENTION = "/api/v1/analytics/cohorts/retention";

    @Test
    void buildsMonthlyCustomerAndRevenueRetention() {
        viewer().get(RETENTION + "?from=2024-01-01&to=2024-06-30").then().statusCode(200)
                .body("granularity", equalTo("MONTH"))
                .body("cohorts.cohort", contains("2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01", "2024-06-01"))
                .body("cohorts.size", contains(3, 1, 2, 1, 1))
                .body("cohorts[0].periods.customers", contains(3, 1, 2, 1, 0, 1))
                .body("cohorts[0].periods.revenue", contains(num("100"), num("30"), num("25"), num("40"), num("0"),
                        num("40")))
                .body("cohorts[0].periods.customerRetention", contains(num("1"), num("0.3333"), num("0.6667"),
                        num("0.3333"), num("0"), num("0.3333")))
                .body("cohorts[0].periods.revenueRetention", contains(num("1"), num("0.3"), num("0.25"), num("0.4"),
                        num("0"), num("0.4")))
                .body("cohorts[1].periods.customers", contains(1, 0, 0, 0, 1))
                .body("cohorts[1].periods.revenueRetention", contains(num("1"), num("0"), num("0"), num("0"), num("1")))
                .body("cohorts[2].initialRevenue", num("90"))
                .body("cohorts[2].periods.customerRetention", contains(num("1"), num("0"), num("0.5"), num("0.5")))
                .body("cohorts[2].periods.revenueRetention", contains(num("1"), num("0"), num("0.5556"), num("0.4444")))
                .body("cohorts[3].periods.revenueRetention", contains(num("1"), num("0"), num("1.3333")))
                .body("cohorts[4].periods.customers", contains(1));
    }

    /**
     * ISO weeks of March 2024 (Mondays Feb 26, Mar 4, 11, 18, 25): March cohorts are 5 (first sale Sun Mar 3, week of Feb 26)
     * and person-A (Sun Mar 10, week of Mar 4). Person 5 buys again on Mon Mar 25: week 4 of its cohort.
     */
    @Test
    void buildsWeeklyCohorts() {
        viewer().get(RETENTION + "?from=2024-02-26&to=2024-03-31&granularity=week&region=sul").then()
                .statusCode(200)
                .body("cohorts.cohort", contains("2024-02-26"))
                .body("cohorts[0].periods.customers", contains(1, 0, 0, 0, 1))
                .body("cohorts[0].periods.revenue", contains(num("30"), num("0"), num("0"), num("0"), num("30")));
    }
}
