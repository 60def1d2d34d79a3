package io.ecomanalytics.simulator.imports.rest;

import static io.ecomanalytics.simulator.imports.ImportFixtures.VALID_OLIST;
import static io.ecomanalytics.simulator.imports.ImportFixtures.resource;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.contracts.testing.ProtectedEndpointContract;
import io.ecomanalytics.contracts.testing.TestTokens;
import io.ecomanalytics.simulator.imports.ImportFixtures;
import io.ecomanalytics.simulator.imports.ImportOptions;
import io.ecomanalytics.simulator.imports.ImportProgress;
import io.ecomanalytics.simulator.imports.olist.OlistImporter;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DataQualityResourceTest extends ProtectedEndpointContract {
    private static final String PATH = "/api/v1/data-quality/report";

    @Inject
    DataSource dataSource;
    @Inject
    OlistImporter olist;

    @Override
    protected String adminPath() {
        return PATH;
    }

    @BeforeEach
    void loadTheValidFixture() {
        ImportFixtures.emptyCommerce(dataSource);
        olist.run(ImportFixtures.olistSource(resource(VALID_OLIST)), new ImportOptions(false),
                ImportProgress.NONE, () -> false);
    }

    @Test
    void profilesTheLoadedOlistFixture() {
        given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).get(PATH).then().statusCode(200)
                .body("rows.orders", equalTo(29)).body("rows.order_items", equalTo(34))
                // Orders 00d0ffd1… (canceled) and 0130f0f7… (unavailable) have no items; bfbd0f9b… has no payment.
                .body("ordersWithoutItems.count", equalTo(2))
                .body("ordersWithoutItems.byStatus.canceled", equalTo(1))
                .body("ordersWithoutItems.byStatus.unavailable", equalTo(1))
                .body("ordersWithoutItems.externalIds", contains("00d0ffd14774da775ac832ba8520510f",
                        "0130f0f71fb0e831d18e6a3b33a3a50c"))
                .body("ordersWithoutPayments.count", equalTo(1))
                .body("ordersWithoutPayments.externalIds", contains("bfbd0f9bdef84302105ad712db648a6c"))
                // 26 of 29 orders have a delivery date.
                .body("completeness.find { it.table == 'orders' && it.column == 'delivered_at' }.nonNull",
                        equalTo(26))
                .body("completeness.find { it.table == 'orders' && it.column == 'cost' }.share", equalTo(0.0f))
                // Quartiles of the 34 item prices, linear interpolation as percentile_cont does.
                .body("distributions.find { it.table == 'order_items' && it.column == 'unit_price' }.min",
                        equalTo(12.99f))
                .body("distributions.find { it.table == 'order_items' && it.column == 'unit_price' }.max",
                        equalTo(810.0f))
                .body("distributions.find { it.table == 'order_items' && it.column == 'unit_price' }.p25",
                        equalTo(44.99f))
                .body("distributions.find { it.table == 'order_items' && it.column == 'unit_price' }.p50",
                        equalTo(59.9f))
                .body("distributions.find { it.table == 'order_items' && it.column == 'unit_price' }.p75",
                        equalTo(119.975f))
                .body("integrity.findAll { it.name != 'payments-differ-from-order-total' }.count",
                        everyItem(equalTo(0)))
                // The two orders without items were paid for (134.49 and 52.77) all the same.
                .body("integrity.find { it.name == 'payments-differ-from-order-total' }.count", equalTo(2))
                .body("integrity.find { it.name == 'items-without-product' }.count", equalTo(0))
                .body("integrity.find { it.name == 'orders-totals-differ-from-items' }.count", equalTo(0))
                .body("coverage.firstOrderAt", startsWith("2016-09-15T12:16:38-03:00"))
                .body("coverage.lastOrderAt", startsWith("2018-08-20T11:06:46-03:00"))
                .body("coverage.monthsWithOrders", equalTo(15))
                .body("coverage.monthsWithoutOrders", contains("2016-10", "2016-11", "2016-12", "2017-06", "2017-07",
                        "2017-10", "2018-02", "2018-04", "2018-06"))
                .body("coverage.ordersPerMonth.'2016-09'", equalTo(1));
    }

    @Test
    void answersCsvWhenAskedFor() {
        given().auth().oauth2(TestTokens.forRole(Roles.ADMIN)).accept("text/csv").get(PATH).then().statusCode(200)
                .contentType(containsString("text/csv"))
                .body(startsWith("section,subject,metric,value"))
                .body(containsString("orders_without_items,orders,count,2"))
                .body(containsString("orders_without_payments,bfbd0f9bdef84302105ad712db648a6c,order,1"))
                .body(containsString("distribution,order_items.unit_price,p50,59.9"));
    }
}
