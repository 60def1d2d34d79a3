package io.ecomanalytics.analytics.rest;

import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import io.ecomanalytics.analytics.SalesFixture;
import io.ecomanalytics.analytics.Writer;

/** Base of the endpoint tests that read {@link SalesFixture}: loads it afresh before every test. */
abstract class SalesFixtureTest {
    /** The first half of 2024, the range most expectations are worked out for. */
    static final String H1 = "?from=2024-01-01&to=2024-06-30";

    @Inject
    @Writer
    DataSource dataSource;

    @BeforeEach
    void loadFixture() throws SQLException {
        SalesFixture.load(dataSource);
    }
}
