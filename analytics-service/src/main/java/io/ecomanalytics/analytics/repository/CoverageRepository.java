package io.ecomanalytics.analytics.repository;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.model.Coverage;

/** What period the loaded orders cover. */
@ApplicationScoped
public class CoverageRepository {
    private final DataSource dataSource;

    public CoverageRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Coverage coverage() {
        String sql = "SELECT count(*), min(ordered_at), max(ordered_at) FROM commerce.orders";
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new Coverage(rs.getLong(1), rs.getObject(2, OffsetDateTime.class),
                    rs.getObject(3, OffsetDateTime.class));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read order coverage", e);
        }
    }
}
