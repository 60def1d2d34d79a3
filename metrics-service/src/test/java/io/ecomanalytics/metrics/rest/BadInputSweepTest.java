package io.ecomanalytics.metrics.rest;

import io.ecomanalytics.contracts.testing.BadInputSweepContract;
import io.quarkus.test.junit.QuarkusTest;

/** Every parameter of every metrics operation, swept with hostile values (the SSE stream is left out by the contract). */
@QuarkusTest
class BadInputSweepTest extends BadInputSweepContract {
}
