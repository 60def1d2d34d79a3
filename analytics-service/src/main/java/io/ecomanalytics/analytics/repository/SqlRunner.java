package io.ecomanalytics.analytics.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.PGStatement;

import io.ecomanalytics.contracts.db.StatementGuard;
import io.ecomanalytics.contracts.problem.ApiException;

/**
 * Runs one parameterised, read-only query and maps its rows; the only place the analytics repositories touch JDBC. Each
 * statement is cancelled when the caller of the current request goes away ({@link StatementGuard}); one stopped by the
 * statement timeout becomes a 503 that says so.
 */
@ApplicationScoped
public class SqlRunner {
    /** PostgreSQL's SQLSTATE for a statement cancelled by its timeout or a cancel request. */
    private static final String QUERY_CANCELED = "57014";

    private final DataSource dataSource;
    private final StatementGuard guard;

    public SqlRunner(DataSource dataSource, StatementGuard guard) {
        this.dataSource = dataSource;
        this.guard = guard;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Reads the current row of a result set. */
    @FunctionalInterface
    public interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    public <T> List<T> list(String sql, List<Object> params, RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = prepare(c, sql, params)) {
            return guard.run(st, () -> {
                try (ResultSet rs = st.executeQuery()) {
                    List<T> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(mapper.map(rs));
                    }
                    return rows;
                }
            });
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    public <T> T one(String sql, List<Object> params, RowMapper<T> mapper) {
        return list(sql, params, mapper).get(0);
    }

    /**
     * Streams a large result to {@code reader} row by row, {@code fetchSize} rows per round trip, so memory stays flat: inside
     * a read-only transaction (pgjdbc only uses a cursor there) that first runs each of {@code settings} as {@code SET LOCAL}.
     * Results come in binary from the first execution: as text, formatting a million rows' floats and times on the server and
     * parsing them here cost more than computing them.
     */
    public void stream(String sql, List<Object> params, List<String> settings, int fetchSize, RowReader reader) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement set = c.createStatement()) {
                    for (String setting : settings) {
                        set.execute("SET LOCAL " + setting);
                    }
                }
                try (PreparedStatement st = prepare(c, sql, params)) {
                    st.unwrap(PGStatement.class).setPrepareThreshold(-1);
                    st.setFetchSize(fetchSize);
                    guard.run(st, () -> {
                        try (ResultSet rs = st.executeQuery()) {
                            while (rs.next()) {
                                reader.read(rs);
                            }
                        }
                        return null;
                    });
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static RuntimeException failed(SQLException e) {
        if (QUERY_CANCELED.equals(e.getSQLState())) {
            return ApiException.unavailable("the query was stopped: it ran longer than the statement timeout"
                    + " (DB_STATEMENT_TIMEOUT) or its caller went away; narrow the period or the filters");
        }
        return new IllegalStateException("analytics query failed: " + e.getMessage(), e);
    }

    /** The statement with its parameters bound; a {@code double[]} goes as a {@code float8[]}. */
    private static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            if (value instanceof double[] array) {
                st.setArray(i + 1, c.createArrayOf("float8", Arrays.stream(array).boxed().toArray()));
            } else {
                st.setObject(i + 1, value);
            }
        }
        return st;
    }
}
