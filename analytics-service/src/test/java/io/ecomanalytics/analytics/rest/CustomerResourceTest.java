package io.ecomanalytics.analytics.rest;

import static io.ecomanalytics.analytics.rest.AnalyticsCalls.num;
import static io.ecomanalytics.analytics.rest.AnalyticsCalls.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.ecomanalytics.analytics.SalesFixture;
import io.quarkus.test.junit.QuarkusTest;

/**
 * RFM over {@link SalesFixture}, H1 2024; recency is counted to 2024-07-01, the day after {@code to}.
 *
 * <pre>
 * person (C order)  last sale   R days  F  M    | rank R F M | qcut bin R F M | scores R F M | segment
 * 1                 2024-06-20   11     4  150  |  2  11 11  |  1  5  5       |  5  5  5     | champions
 * 10                2024-03-15  108     2   60  |  9   5  6  |  4  2  3       |  2  2  3     | hibernating
 * 2                 2024-03-31   92     2   25  |  8   6  3  |  4  3  1       |  2  3  1     | at_risk
 * 3                 2024-06-28    3     2  120  |  1   7 10  |  1  3  5       |  5  3  5     | potential_loyalist
 * 4                 2024-01-10  173     1   20  | 11   1  1  |  5  1  1       |  1  1  1     | lost
 * 5                 2024-05-30   32     3  110  |  6  10  9  |  3  5  4       |  3  5  4     | loyal
 * 6                 2024-06-10   21     1   20  |  4   2  2  |  2  1  1       |  4  1  1     | promising
 * 7                 2024-02-01  151     1   30  | 10   3  4  |  5  1  2       |  1  1  2     | lost
 * 8                 2024-06-01   30     2   70  |  5   8  7  |  2  4  3       |  4  4  3     | loyal
 * 9                 2024-05-15   47     1   35  |  7   4  5  |  3  2  2       |  3  2  2     | about_to_sleep
 * person-A          2024-06-15   16     2   70  |  3   9  8  |  1  4  4       |  5  4  4     | champions
 * </pre>
 *
 * Ranks are pandas {@code rank(method="first")} on a frame sorted by key in code-point order ("1" &lt; "10" &lt; "2" ...):
 * equal values keep that order (F=1: 4, 6, 7, 9; F=2: 10, 2, 3, 8, person-A; M=20: 4, 6; M=70: 8, person-A). With n = 11,
 * {@code qcut(ranks, 5)} cuts at the quantiles 1, 3, 5, 7, 9, 11 of the ranks (right-closed): ranks 1-3 → 1, 4-5 → 2, 6-7 → 3,
 * 8-9 → 4, 10-11 → 5, which is ceil(5(k−1)/(n−1)) floored at 1. (ceil(5k/n) would differ: rank 3 → ceil(15/11) = 2.) R = 6 −
 * bin. Persons 11 and 12 (person-A) are one person: orders 22 and 23.
 */
@QuarkusTest
class CustomerResourceTest extends SalesFixtureTest {
    static final String RFM = "/api/v1/analytics/customers/rfm";

    @Test
    void scoresEveryPersonByQuintileOfRankFirst() {
        viewer().get(RFM + H1 + "&sort=customer&size=20").then().statusCode(200)
                .body("total", equalTo(11))
                .body("customers.customerKey", contains("1", "10", "2", "3", "4", "5", "6", "7", "8", "9", "person-A"))
                .body("customers.recency", contains(11, 108, 92, 3, 173, 32, 21, 151, 30, 47, 16))
                .body("customers.frequency", contains(4, 2, 2, 2, 1, 3, 1, 1, 2, 1, 2))
                .body("customers.score", contains("555", "223", "231", "535", "111", "354", "411", "112", "443", "322",
                        "544"))
                .body("customers.segment", contains("champions", "hibernating", "at_risk", "potential_loyalist", "lost",
                        "loyal", "promising", "lost", "loyal", "about_to_sleep", "champions"));
    }

    /**
     * F by the default thresholds (2, 3, 4, 6 orders for F 2..5): one order F 1 (4, 6, 7, 9), two F 2 (10, 2, 3, 8, person-A),
     * three F 3 (5), four F 4 (1); R and M as above. Segments: 1 (R5 F4) champions; 3, 8, person-A (R5/R4 F2) potential
     * loyalists; 6 (R4 F1) promising; 5 (R3 F3) needs attention; 9 (R3 F1) about to sleep; 4 and 7 (R1 F1) lost; 10 and 2 (R2
     * F2) hibernating. No F score is left to the keys' order.
     */
    @Test
    void scoresFrequencyByFixedOrderCountsWhenAsked() {
        viewer().get(RFM + H1 + "&sort=customer&size=20&frequencyScoring=thresholds").then().statusCode(200)
                .body("frequencyScoring", equalTo("thresholds"))
                .body("customers.customerKey", contains("1", "10", "2", "3", "4", "5", "6", "7", "8", "9", "person-A"))
                .body("customers.score", contains("545", "223", "221", "525", "111", "334", "411", "112", "423", "312",
                        "524"));
        viewer().get(RFM + "/segments" + H1 + "&frequencyScoring=THRESHOLDS").then().statusCode(200)
                .body("frequencyScoring", equalTo("thresholds"))
                .body("segments.customers", contains(1, 0, 3, 0, 1, 1, 1, 0, 0, 2, 2))
                .body("frequencyTieShare", num("0"))
                .body("frequencyTiesDecide", equalTo(false));
        viewer().get(RFM + "/segments" + H1).then().statusCode(200).body("frequencyScoring", equalTo("quintiles"));
        viewer().get(RFM + "/segments" + H1 + "&frequencyScoring=deciles").then().statusCode(400)
                .body("field", equalTo("frequencyScoring"));
    }

    @Test
    void listsOneSegmentPagedAndSorted() {
        viewer().get(RFM + H1 + "&segment=champions").then().statusCode(200)
                .body("total", equalTo(2))
                .body("customers.customerKey", contains("1", "person-A"))
                .body("customers.monetary", contains(num("150"), num("70")));
        // by recency: 3 (3 days), 1 (11) on page 0; person-A (16), 6 (21) on page 1 of size 2
        viewer().get(RFM + H1 + "&sort=recency&page=1&size=2").then().statusCode(200)
                .body("total", equalTo(11))
                .body("customers.customerKey", contains("person-A", "6"));
        // past the last page: no customers, and still the total
        viewer().get(RFM + H1 + "&page=5&size=5").then().statusCode(200)
                .body("total", equalTo(11))
                .body("customers", hasSize(0));
        viewer().get(RFM + H1 + "&segment=new").then().statusCode(200)
                .body("total", equalTo(0))
                .body("customers", hasSize(0));
    }

    /**
     * Champions 1 + person-A: 2 of 11 = 0.1818, revenue 220/710 = 0.3099, mean recency (11+16)/2 = 13.5, frequency 3, monetary
     * 110. Loyal 5 + 8: 180/710 = 0.2535, recency 31, frequency 2.5, monetary 90. Lost 4 + 7: 50/710 = 0.0704, recency 162.
     * Pareto: the top ceil(0.2 x 11) = 3 persons by revenue (150, 120, 110) hold 380/710 = 0.5352. Ties: the four one-order
     * persons (4, 6, 7, 9) got F 1, 1, 1, 2 and the five two-order persons F 2, 3, 3, 4, 4 by their keys' order alone; 9 of 11
     * = 0.8182, more than half.
     */
    @Test
    void summarisesSegmentsWithActionsAndTheParetoShare() {
        viewer().get(RFM + "/segments" + H1).then().statusCode(200)
                .body("customers", equalTo(11))
                .body("revenue", num("710"))
                .body("topCustomersRevenueShare", num("0.5352"))
                .body("frequencyTieShare", num("0.8182"))
                .body("frequencyTiesDecide", equalTo(true))
                .body("segments.segment", contains("champions", "loyal", "potential_loyalist", "new", "promising",
                        "need_attention", "about_to_sleep", "at_risk", "cant_lose", "lost", "hibernating"))
                .body("segments.customers", contains(2, 2, 1, 0, 1, 0, 1, 1, 0, 2, 1))
                .body("segments[0].customerShare", num("0.1818"))
                .body("segments[0].revenueShare", num("0.3099"))
                .body("segments[0].meanRecency", num("13.5"))
                .body("segments[0].meanFrequency", num("3"))
                .body("segments[0].meanMonetary", num("110"))
                .body("segments[0].action", equalTo("Reward them: early access, loyalty perks, ask for reviews and referrals"))
                .body("segments[1].revenueShare", num("0.2535"))
                .body("segments[1].meanRecency", num("31"))
                .body("segments[1].meanFrequency", num("2.5"))
                .body("segments[9].revenueShare", num("0.0704"))
                .body("segments[9].meanRecency", num("162"))
                .body("segments[3].revenueShare", num("0"))
                .body("segments[3].meanRecency", nullValue());
    }
}
