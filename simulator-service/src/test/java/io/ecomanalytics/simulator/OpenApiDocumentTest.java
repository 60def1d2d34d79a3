package io.ecomanalytics.simulator;

import io.ecomanalytics.contracts.testing.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OpenApiDocumentTest extends OpenApiContract {
}
