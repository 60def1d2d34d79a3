package io.ecomanalytics.simulator.rest;

import io.ecomanalytics.contracts.testing.BadInputSweepContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BadInputSweepTest extends BadInputSweepContract {
}
