package io.ecomanalytics.simulator.repository;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Reads and writes {@code commerce.runs}: one row per simulation or import. */
@ApplicationScoped
public class RunRepository {
    private final DataSource dataSource;

    public RunRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** How many runs are in each status, e.g. {@code {COMPLETED=3, FAILED=1}}. */
    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT status, count(*) FROM commerce.runs GROUP BY status")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read runs", e);
        }
    }
}
