package io.ecomanalytics.simulator.imports.db;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import io.ecomanalytics.contracts.mart.SalesMartRefresh;
import io.ecomanalytics.simulator.config.SimulatorConfig;
import io.ecomanalytics.simulator.service.SalesMartKeeper;

/**
 * The imports' access to schema {@code commerce}: one transaction per import, id blocks from the tables' identity sequences,
 * look-ups of ids already loaded, and bulk writes with {@code COPY ... FROM STDIN (FORMAT csv)}.
 */
@ApplicationScoped
public class CommerceStore {
    /** The tables an import may name; anything else is refused before it reaches SQL. */
    public static final Set<String> TABLES = Set.of("customers", "products", "sellers", "orders", "order_items",
            "payments", "reviews");

    private final DataSource dataSource;
    private final SimulatorConfig config;
    private final SalesMartKeeper mart;

    public CommerceStore(DataSource dataSource, SimulatorConfig config, SalesMartKeeper mart) {
        this.dataSource = dataSource;
        this.config = config;
        this.mart = mart;
    }

    /** First in an import's transaction: the sales mart's refresh lock (see {@code SalesMartRefresh.lock}). */
    public void lockMart(Connection c) {
        try {
            mart.lockForLoad(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the sales mart's refresh lock: " + e.getMessage(), e);
        }
    }

    /** Last in an import's transaction: brings the sales mart up to date with the import, telling {@code steps} each step. */
    public SalesMartRefresh.Outcome refreshMart(Connection c, SalesMartRefresh.Steps steps) {
        try {
            return mart.refreshInLoad(c, steps);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot refresh the sales mart: " + e.getMessage(), e);
        }
    }

    /** After the import has committed (see {@link SalesMartKeeper#afterLoad}). */
    public void afterLoad(SalesMartRefresh.Outcome refreshed) {
        mart.afterLoad(refreshed);
    }

    /**
     * Runs {@code work} in one transaction, with a load's statement timeout: committed when it returns, rolled back when it
     * throws (cancel included).
     */
    public <T> T inTransaction(Function<Connection, T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                execute(c, "SET LOCAL statement_timeout = " + config.jobs().statementTimeout().toMillis());
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (RuntimeException | Error e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("import transaction failed: " + e.getMessage(), e);
        }
    }

    /** Empties every commerce table an import writes (runs are kept). */
    public static void truncateAll(Connection c) {
        execute(c, "TRUNCATE commerce.reviews, commerce.payments, commerce.order_items, commerce.orders,"
                + " commerce.customers, commerce.products, commerce.sellers");
    }

    /** The first of {@code n} consecutive ids reserved on the table's identity sequence. */
    public static long reserveIds(Connection c, String table, int n) {
        if (n == 0) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT commerce.reserve_ids(pg_get_serial_sequence(?, 'id')::regclass, ?)")) {
            ps.setString(1, "commerce." + checked(table));
            ps.setLong(2, n);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reserve ids of " + table, e);
        }
    }

    /** Ids for the new keys, reserved in one block on the table's sequence, together with the ids loaded before. */
    public static Map<String, Long> assignIds(Connection c, String table, Collection<String> newKeys,
            Map<String, Long> old) {
        Map<String, Long> ids = new HashMap<>(old);
        long next = reserveIds(c, table, newKeys.size());
        for (String key : newKeys) {
            ids.put(key, next++);
        }
        return ids;
    }

    /** The internal ids of those {@code externalIds} that the table already holds. */
    public static Map<String, Long> existingIds(Connection c, String table, Collection<String> externalIds) {
        Map<String, Long> ids = new HashMap<>();
        if (externalIds.isEmpty()) {
            return ids;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT external_id, id FROM commerce." + checked(table) + " WHERE external_id = ANY(?)")) {
            Array array = c.createArrayOf("text", externalIds.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(1), rs.getLong(2));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up " + table, e);
        }
    }

    /** Rows to write with COPY: each call to {@code write} prints one row, its values in the column order given. */
    public interface Rows {
        void write(CSVPrinter out) throws IOException;
    }

    /** Streams rows into the table with one COPY; returns nothing because COPY either writes them all or fails. */
    public static void copy(Connection c, String table, List<String> columns, Rows rows) {
        String sql = "COPY commerce." + checked(table) + " (" + String.join(", ", columns)
                + ") FROM STDIN (FORMAT csv)";
        try {
            PGConnection pg = c.unwrap(PGConnection.class);
            try (var out = new BufferedWriter(
                    new OutputStreamWriter(new PGCopyOutputStream(pg, sql, 1 << 16), StandardCharsets.UTF_8), 1 << 16);
                    CSVPrinter printer = new CSVPrinter(out, CSVFormat.POSTGRESQL_CSV)) {
                rows.write(printer);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into " + table + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("COPY into " + table + " failed: " + e.getMessage(), e);
        }
    }

    private static void execute(Connection c, String sql) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    private static String checked(String table) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("not an import table: " + table);
        }
        return table;
    }
}
