package io.ecomanalytics.analytics.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Runs one parameterised, read-only query and maps its rows; the only place the analytics repositories touch JDBC. */
@ApplicationScoped
public class SqlRunner {
    private final DataSource dataSource;

    public SqlRunner(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public <T> List<T> list(String sql, List<Object> params, RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                st.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("analytics query failed: " + e.getMessage(), e);
        }
    }

    public <T> T one(String sql, List<Object> params, RowMapper<T> mapper) {
        return list(sql, params, mapper).get(0);
    }
}
