package io.ecomanalytics.simulator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** The tests' queries on the commerce tables: parameters bound in order, the first column of every row returned. */
public final class TestSql {
    private final DataSource dataSource;

    public TestSql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<String> strings(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = prepare(c, sql, parameters);
                ResultSet rs = st.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    public List<Long> longs(String sql, Object... parameters) throws SQLException {
        return strings(sql, parameters).stream().map(Long::parseLong).toList();
    }

    /** The first value of the first row. */
    public double number(String sql, Object... parameters) throws SQLException {
        return Double.parseDouble(strings(sql, parameters).get(0));
    }

    public void execute(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = prepare(c, sql, parameters)) {
            st.execute();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            st.setObject(i + 1, parameters[i]);
        }
        return st;
    }
}
