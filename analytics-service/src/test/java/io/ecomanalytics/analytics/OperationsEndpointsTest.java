package io.ecomanalytics.analytics;

import io.ecomanalytics.contracts.testing.OperationsEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsEndpointsTest extends OperationsEndpointsContract {
    @Override
    protected String[] readinessChecks() {
        return new String[]{"Database connections health check"};
    }
}
