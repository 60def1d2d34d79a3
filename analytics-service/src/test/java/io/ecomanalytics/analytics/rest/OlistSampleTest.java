package io.ecomanalytics.analytics.rest;

import static io.ecomanalytics.analytics.rest.AnalyticsCalls.analyst;
import static io.ecomanalytics.analytics.rest.AnalyticsCalls.num;
import static io.ecomanalytics.analytics.rest.AnalyticsCalls.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.analytics.OlistLoader;
import io.ecomanalytics.analytics.Writer;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Real data: Olist ("Olist, Brazilian E-Commerce Public Dataset", CC BY-NC-SA 4.0; see
 * {@code src/test/resources/olist-sample/NOTICE.md}) against an independent pandas computation,
 * {@code src/test/resources/olist-sample/reference.py} (pandas 1.5.3, {@code /usr/bin/python3}).
 * <p>
 * Committed sample, {@code reference.py src/test/resources/olist-sample 2017-01-01 2017-03-31}:
 *
 * <pre>
 * customers 2067 revenue 302386.51
 * segments {'about_to_sleep': 177, 'at_risk': 332, 'cant_lose': 175, 'champions': 169, 'hibernating': 235, 'lost': 85,
 *   'loyal': 320, 'need_attention': 81, 'new': 95, 'potential_loyalist': 321, 'promising': 77}
 * top20share 0.5926
 * frequency_tie_share 0.9923
 * cohort_sizes {2017-01: 319, 2017-02: 671, 2017-03: 1077}
 * ltv {'persons': 2067, 'calibration': 0, 'holdout_purchases': 0, 'repeaters': 16}
 * weekly {'2017-01-02': 2264.69, '2017-01-09': 4599.33, '2017-01-16': 10400.64, '2017-01-23': 22327.77,
 *   '2017-01-30': 28447.36, '2017-02-06': 34453.4, '2017-02-13': 21927.52, '2017-02-20': 20632.66, '2017-02-27': 29662.64,
 *   '2017-03-06': 28991.36, '2017-03-13': 42582.05, '2017-03-20': 35178.56, '2017-03-27': 20918.53}
 * </pre>
 *
 * Whole subset in {@code ../shared/data/olist}, {@code reference.py /work/shared/data/olist 2016-09-01 2018-10-31}:
 *
 * <pre>
 * customers 29893 revenue 4179411.62
 * segments {'about_to_sleep': 2320, 'at_risk': 4713, 'cant_lose': 2399, 'champions': 2364, 'hibernating': 3629,
 *   'lost': 1216, 'loyal': 4848, 'need_attention': 1232, 'new': 1188, 'potential_loyalist': 4794, 'promising': 1190}
 * top20share 0.5651
 * frequency_tie_share 0.9883
 * cohort_sizes {2016-09: 1, 2016-10: 77, 2017-01: 319, 2017-02: 671, 2017-03: 1077, 2017-04: 958, 2017-05: 1460,
 *   2017-06: 1283, 2017-07: 1563, 2017-08: 1724, 2017-09: 1615, 2017-10: 1747, 2017-11: 2944, 2017-12: 2183,
 *   2018-01: 1670, 2018-02: 1516, 2018-03: 1683, 2018-04: 1623, 2018-05: 1492, 2018-06: 1442, 2018-07: 1360, 2018-08: 1485}
 * ltv {'persons': 29893, 'calibration': 20750, 'holdout_purchases': 58, 'repeaters': 349}
 * weekly (excerpt) {'2016-09-12': 134.97, '2016-10-03': 10458.06, '2017-11-20': 158607.09, '2018-08-27': 1673.49}
 * </pre>
 */
@QuarkusTest
class OlistSampleTest {
    static final String API = "/api/v1/analytics/";
    static final String ZONE = "America/Sao_Paulo";

    @Inject
    @Writer
    DataSource dataSource;

    @Test
    void matchesPandasOnTheCommittedSample() throws SQLException, IOException {
        OlistLoader.load(dataSource, name -> getClass().getResourceAsStream("/olist-sample/" + name), ZONE);
        String q1 = "?from=2017-01-01&to=2017-03-31";
        viewer().get(API + "financial/summary" + q1).then().statusCode(200)
                .body("current.revenue", num("302386.51"))
                .body("current.uniqueCustomers", equalTo(2067))
                .body("current.grossProfit", nullValue())
                .body("current.knownCostShare", num("0"));
        viewer().get(API + "customers/rfm/segments" + q1).then().statusCode(200)
                .body("customers", equalTo(2067))
                .body("topCustomersRevenueShare", num("0.5926"))
                // 99.23% of the persons bought once or twice alike: tie-breaking on the key decides their F scores
                .body("frequencyTieShare", num("0.9923"))
                .body("frequencyTiesDecide", equalTo(true))
                .body("segments.customers", contains(169, 320, 321, 95, 77, 81, 177, 332, 175, 85, 235));
        viewer().get(API + "cohorts/retention" + q1).then().statusCode(200)
                .body("cohorts.cohort", contains("2017-01-01", "2017-02-01", "2017-03-01"))
                .body("cohorts.size", contains(319, 671, 1077));
        viewer().get(API + "financial/timeseries" + q1 + "&granularity=week").then().statusCode(200)
                .body("points.period", contains("2016-12-26", "2017-01-02", "2017-01-09", "2017-01-16", "2017-01-23",
                        "2017-01-30", "2017-02-06", "2017-02-13", "2017-02-20", "2017-02-27", "2017-03-06",
                        "2017-03-13", "2017-03-20", "2017-03-27"))
                .body("points.metrics.revenue", contains(num("0"), num("2264.69"), num("4599.33"), num("10400.64"),
                        num("22327.77"), num("28447.36"), num("34453.4"), num("21927.52"), num("20632.66"),
                        num("29662.64"), num("28991.36"), num("42582.05"), num("35178.56"), num("20918.53")));
        // three months hold no 26-week holdout: lifetime value says so, counting persons (not Olist's row per order)
        analyst().get(API + "customers/ltv" + q1).then().statusCode(422)
                .body("detail", equalTo("too few customers to fit: 0 bought before the holdout and 16 bought again;"
                        + " at least 20 of each are needed"));
    }

    @Test
    void matchesPandasOnTheWholeSubset() throws SQLException, IOException {
        Path folder = Path.of(System.getProperty("shared.data.dir", "../shared/data"), "olist");
        Assumptions.assumeTrue(Files.isDirectory(folder),
                "skipped: the Olist subset is not at " + folder.toAbsolutePath() + " (shared.data.dir)");
        OlistLoader.load(dataSource, name -> Files.newInputStream(folder.resolve(name)), ZONE);
        String all = "?from=2016-09-01&to=2018-10-31";
        viewer().get(API + "customers/rfm/segments" + all).then().statusCode(200)
                .body("customers", equalTo(29893))
                .body("revenue", num("4179411.62"))
                .body("topCustomersRevenueShare", num("0.5651"))
                .body("frequencyTieShare", num("0.9883"))
                .body("frequencyTiesDecide", equalTo(true))
                .body("segments.customers", contains(2364, 4848, 4794, 1188, 1190, 1232, 2320, 4713, 2399, 1216,
                        3629));
        viewer().get(API + "cohorts/retention" + all).then().statusCode(200)
                .body("cohorts.size", contains(1, 77, 319, 671, 1077, 958, 1460, 1283, 1563, 1724, 1615, 1747, 2944,
                        2183, 1670, 1516, 1683, 1623, 1492, 1442, 1360, 1485));
        viewer().get(API + "financial/timeseries" + all + "&granularity=week").then().statusCode(200)
                .body("points.find { it.period == '2016-09-12' }.metrics.revenue", num("134.97"))
                .body("points.find { it.period == '2016-10-03' }.metrics.revenue", num("10458.06"))
                .body("points.find { it.period == '2017-11-20' }.metrics.revenue", num("158607.09"))
                .body("points.find { it.period == '2018-08-27' }.metrics.revenue", num("1673.49"));
        // lifetime value on persons: fitted, with its holdout check over the persons who had bought by the cut-off
        analyst().get(API + "customers/ltv" + all).then().statusCode(200)
                .body("customers", equalTo(29893))
                .body("guests", equalTo(0))
                .body("holdout.customers", equalTo(20750))
                .body("holdout.actualPurchases", equalTo(58))
                .body("holdout.relativeError", notNullValue());
    }
}
