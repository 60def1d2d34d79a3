package io.ecomanalytics.analytics.rest;

import static io.ecomanalytics.analytics.rest.AnalyticsCalls.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.ecomanalytics.analytics.SalesFixture;
import io.ecomanalytics.analytics.model.RfmSegment;
import io.ecomanalytics.analytics.repository.PersonKeys;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The fast path for stores whose customer rows are persons (no unique ids: simulated and live data) answers exactly as the
 * general path for unique ids does. {@link SalesFixture} is read twice with one person per customer row: once with no unique
 * ids at all (the fast path), once with every row's unique id equal to its own id (the general path: persons by text key, which
 * is then the same key). Every descriptive answer must be the same to the byte.
 */
@QuarkusTest
class PersonKeysParityTest extends SalesFixtureTest {
    private static final String RANGE = "?from=2023-01-01&to=2024-07-31";
    private static final List<String> PATHS = List.of("financial/summary" + H1, "financial/summary" + RANGE,
            "financial/timeseries" + RANGE + "&granularity=day", "financial/timeseries" + RANGE + "&granularity=week",
            "financial/timeseries" + RANGE + "&granularity=month", "cohorts/retention" + RANGE,
            "cohorts/retention" + H1 + "&granularity=week", "customers/rfm" + H1 + "&size=20",
            "customers/rfm" + RANGE + "&sort=frequency&size=20", "customers/rfm" + H1 + "&segment=lost",
            "customers/rfm/segments" + H1, "customers/rfm/segments" + RANGE + "&region=SUDESTE",
            "geo/regions" + H1, "geo/states" + RANGE, "financial/summary" + H1 + "&category=toys",
            "cohorts/retention" + RANGE + "&state=SP", "customers/rfm/segments" + H1 + "&frequencyScoring=thresholds",
            "customers/rfm" + H1 + "&size=20&frequencyScoring=thresholds",
            "customers/rfm" + H1 + "&segment=potential_loyalist&frequencyScoring=thresholds",
            "customers/rfm" + H1 + "&segment=lost&frequencyScoring=thresholds");

    @Inject
    PersonKeys persons;

    @Test
    void answersAlikeWhetherPersonsAreCustomerRowsOrUniqueIds() throws SQLException {
        setUniqueIds("NULL");
        assertThat(persons.kind()).isEqualTo(PersonKeys.Kind.CUSTOMER_ROWS);
        List<String> fastPath = PATHS.stream().map(PersonKeysParityTest::answer).toList();

        setUniqueIds("id::text");
        assertThat(persons.kind()).isEqualTo(PersonKeys.Kind.UNIQUE_IDS);
        List<String> generalPath = PATHS.stream().map(PersonKeysParityTest::answer).toList();

        assertThat(fastPath).isEqualTo(generalPath);
        // and the answers are about twelve persons, not eleven as with person-A
        assertThat(fastPath.get(PATHS.indexOf("customers/rfm/segments" + H1))).contains("\"customers\":12");
    }

    @Test
    void ranksTiedRevenuesInCentsAndIdsOfEveryLengthAlike() throws SQLException {
        // 400 persons: ids of 1 to 12 digits, 1-4 orders each in 2024, revenues summed from a few cent amounts (many ties)
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE commerce.customers, commerce.products, commerce.orders, commerce.order_items CASCADE");
            st.execute("INSERT INTO commerce.customers (id, state, region, created_at) SELECT id, 'SP', 'SUDESTE',"
                    + " '2023-01-01Z' FROM (SELECT g AS id FROM generate_series(1, 300) g UNION SELECT (10::numeric ^ d)::bigint"
                    + " + o FROM generate_series(1, 11) d, generate_series(0, 9) o UNION SELECT 999999999999 - g"
                    + " FROM generate_series(0, 9) g) ids");
            st.execute("INSERT INTO commerce.orders (customer_id, ordered_at, status, item_count, revenue)"
                    + " SELECT c.id, timestamptz '2024-01-01 12:00-03' + ((hashint8(c.id * 10 + o) & 255) || ' days')::interval,"
                    + " 'delivered', 1, (ARRAY[0.01, 9.99, 19.90, 19.90, 100.00, 0.50])[1 + (hashint8(c.id * 10 + o) & 4095) % 6]"
                    + " FROM commerce.customers c, generate_series(1, 1 + (hashint8(c.id) & 1023) % 4) o");
        }
        String year = "?from=2024-01-01&to=2024-12-31";
        List<String> paths = new ArrayList<>(List.of("customers/rfm" + year + "&sort=customer&size=500",
                "customers/rfm" + year + "&sort=monetary&size=500", "customers/rfm/segments" + year,
                "customers/rfm" + H1 + "&sort=customer&size=500"));
        // every segment's list: the fast path picks its persons by their places against the cuts, the general one by bins
        for (RfmSegment segment : RfmSegment.values()) {
            paths.add("customers/rfm" + year + "&segment=" + segment.apiName() + "&sort=customer&size=500");
        }
        setUniqueIds("NULL");
        assertThat(persons.kind()).isEqualTo(PersonKeys.Kind.CUSTOMER_ROWS);
        List<String> fastPath = paths.stream().map(PersonKeysParityTest::answer).toList();
        setUniqueIds("id::text");
        List<String> generalPath = paths.stream().map(PersonKeysParityTest::answer).toList();
        assertThat(fastPath).isEqualTo(generalPath);
        assertThat(fastPath.get(0)).contains("\"total\":400");
        // and the segment lists compared are not empty ones
        assertThat(fastPath.subList(4, fastPath.size())).filteredOn(a -> !a.contains("\"total\":0,")).hasSize(11);

        // The year covers every sale, so the scores come from the persons' all-time rows; filtered to SP (every customer
        // here), they come from aggregating the sales in range: the same segments either way.
        setUniqueIds("NULL");
        List<Object> allTime = viewer().get("/api/v1/analytics/customers/rfm/segments" + year).then().statusCode(200)
                .extract().path("segments");
        assertThat(viewer().get("/api/v1/analytics/customers/rfm/segments" + year + "&state=SP").then().statusCode(200)
                .extract().<List<Object>>path("segments")).isEqualTo(allTime);

        // 10^9 cents for the 12-digit id: cents times the key span no longer fit a bigint, and the fast path packs
        // monetary places as numerics instead
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("UPDATE commerce.orders SET revenue = 9999999.99 WHERE customer_id = 999999999999");
        }
        List<String> wide = List.of("customers/rfm" + year + "&sort=monetary&size=500", "customers/rfm/segments" + year);
        List<String> wideFast = wide.stream().map(PersonKeysParityTest::answer).toList();
        setUniqueIds("id::text");
        assertThat(wide.stream().map(PersonKeysParityTest::answer).toList()).isEqualTo(wideFast);
        // its two orders put it first, in the top monetary fifth
        assertThat(wideFast.get(0)).contains("\"customers\":[{\"customerKey\":\"999999999999\"")
                .contains("\"monetary\":19999999.98,\"r\":4,\"f\":3,\"m\":5");
    }

    private void setUniqueIds(String value) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("UPDATE commerce.customers SET unique_external_id = " + value);
        }
    }

    /** The answer without its dataAsOf: the paths compared are answered at different data versions. */
    private static String answer(String path) {
        return viewer().get("/api/v1/analytics/" + path).then().statusCode(200).extract().asString()
                .replaceFirst(",\"dataAsOf\":(\"[^\"]*\"|null)}$", "}");
    }
}
