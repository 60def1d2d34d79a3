package io.ecomanalytics.gateway;

import io.ecomanalytics.contracts.testing.LocalServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Every test of this module runs against the local servers, in a PostgreSQL and Redis database of its own, with stub backends
 * behind the gateway.
 */
@QuarkusTestResource(value = LocalServers.class, restrictToAnnotatedClass = false, initArgs = {
        @ResourceArg(name = LocalServers.DATABASE, value = "ecom_test_gateway"),
        @ResourceArg(name = LocalServers.REDIS_DB, value = "4")})
@QuarkusTestResource(value = StubBackends.class, restrictToAnnotatedClass = false)
public class TestDatabase {
}
