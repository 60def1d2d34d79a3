package io.ecomanalytics.analytics.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** analytics-service never writes: every transaction of its connections is read-only, so it can run on a hot standby. */
@QuarkusTest
class ReadOnlyDataSourceTest {
    /** PostgreSQL's SQLSTATE for a write in a read-only transaction. */
    private static final String READ_ONLY_SQL_TRANSACTION = "25006";

    @Inject
    DataSource dataSource;

    @Test
    void refusesEveryWriteThroughTheServicesConnections() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SHOW default_transaction_read_only")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("on");
            }
            for (String write : new String[]{"INSERT INTO commerce.mart_changes VALUES (NULL)",
                    "UPDATE commerce.mart_state SET version = version + 1",
                    "SELECT commerce.mart_bump('America/Sao_Paulo')"}) {
                assertThatThrownBy(() -> st.execute(write)).as(write).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(READ_ONLY_SQL_TRANSACTION));
            }
        }
    }
}
