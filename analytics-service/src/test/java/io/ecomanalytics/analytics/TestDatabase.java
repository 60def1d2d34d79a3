package io.ecomanalytics.analytics;

import io.ecomanalytics.contracts.testing.LocalServers;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the local servers, in a PostgreSQL and Redis database of its own. */
@QuarkusTestResource(value = LocalServers.class, restrictToAnnotatedClass = false, initArgs = {
        @ResourceArg(name = LocalServers.DATABASE, value = "ecom_test_analytics"),
        @ResourceArg(name = LocalServers.REDIS_DB, value = "2")})
public class TestDatabase {
}
