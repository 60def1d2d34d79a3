package io.ecomanalytics.metrics;

import io.ecomanalytics.contracts.testing.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OpenApiDocumentTest extends OpenApiContract {
}
