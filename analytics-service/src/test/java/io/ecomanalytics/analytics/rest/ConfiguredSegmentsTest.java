package io.ecomanalytics.analytics.rest;

import static io.ecomanalytics.analytics.rest.AnalyticsCalls.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Segment boundaries from configuration: champions over R 4-5 and F 4-5 (the standard map: R 5, F 4-5). On the sales fixture
 * (scores in CustomerResourceTest) person 8 (R4 F4), loyal by the standard map, becomes a champion beside 1 (R5 F5) and
 * person-A (R5 F4); loyal keeps 5 (R3 F5). Every other segment as before.
 */
@QuarkusTest
@TestProfile(ConfiguredSegmentsTest.WiderChampions.class)
class ConfiguredSegmentsTest extends SalesFixtureTest {

    public static class WiderChampions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("analytics.rfm.segments.champions", "4-5,4-5");
        }
    }

    @Test
    void segmentsFollowTheConfiguredBoundaries() {
        viewer().get(CustomerResourceTest.RFM + "/segments" + H1).then().statusCode(200)
                .body("segments.segment", contains("champions", "loyal", "potential_loyalist", "new", "promising",
                        "need_attention", "about_to_sleep", "at_risk", "cant_lose", "lost", "hibernating"))
                .body("segments.customers", contains(3, 1, 1, 0, 1, 0, 1, 1, 0, 2, 1));
        viewer().get(CustomerResourceTest.RFM + H1 + "&segment=champions&sort=customer").then().statusCode(200)
                .body("total", equalTo(3))
                .body("customers.customerKey", contains("1", "8", "person-A"));
    }
}
