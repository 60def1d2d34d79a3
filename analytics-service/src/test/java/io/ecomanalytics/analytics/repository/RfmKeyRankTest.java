package io.ecomanalytics.analytics.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The packed key rank of the fast RFM path orders customer ids exactly as their decimal texts sort in code-point order. */
@QuarkusTest
class RfmKeyRankTest {
    @Inject
    DataSource dataSource;

    @Test
    void ordersIdsAsTheirDecimalTextsSort() throws SQLException {
        // every id up to 20,000, each digit-count boundary, and a spread of large ids up to 10^12 - 1
        String ids = "SELECT g AS customer_id FROM generate_series(0, 20000) g"
                + " UNION SELECT (10::numeric ^ d)::bigint + o FROM generate_series(1, 11) d, generate_series(-1, 1) o"
                + " UNION SELECT 999999999999 UNION SELECT (hashint8(g) & 1099511627775) % 1000000000000"
                + " FROM generate_series(1, 20000) g";
        String sql = "SELECT count(*), count(*) FILTER (WHERE by_text <> by_rank), max(k) FROM (SELECT "
                + RfmRepository.KEY_RANK + " AS k,"
                + " row_number() OVER (ORDER BY customer_id::text COLLATE \"C\") AS by_text,"
                + " row_number() OVER (ORDER BY " + RfmRepository.KEY_RANK + ") AS by_rank FROM (" + ids + ") i) x";
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            assertThat(rs.getLong(1)).isGreaterThan(40_000);
            assertThat(rs.getLong(2)).as("ids out of code-point order").isZero();
            assertThat(rs.getLong(3)).as("largest packed rank").isLessThan(1L << 44);
        }
    }
}
