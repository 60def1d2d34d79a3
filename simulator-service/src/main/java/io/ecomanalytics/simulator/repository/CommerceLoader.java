package io.ecomanalytics.simulator.repository;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import io.ecomanalytics.simulator.config.SimulatorConfig;

/**
 * Bulk writes to schema {@code commerce} with PostgreSQL COPY (pgjdbc {@code CopyManager}) inside one transaction, so a load
 * that fails or is cancelled leaves nothing behind. The column lists match the rows the generator writes.
 */
@ApplicationScoped
public class CommerceLoader {
    public static final String PRODUCTS = "commerce.products (id, name, category, unit_cost, unit_price, lifecycle_stage,"
            + " launched_at, discontinued_at, run_id)";
    public static final String CUSTOMERS = "commerce.customers (id, name, email, segment, region, state, city, created_at,"
            + " run_id)";
    public static final String ORDERS = "commerce.orders (id, customer_id, ordered_at, status, approved_at, shipped_at,"
            + " delivered_at, estimated_delivery_at, channel, is_simulated_fraud, item_count, revenue, cost, freight, run_id)";
    public static final String ORDER_ITEMS = "commerce.order_items (order_id, line_no, product_id, quantity, unit_price,"
            + " unit_cost, freight)";
    public static final String PAYMENTS = "commerce.payments (order_id, seq, type, installments, amount)";

    /** Bytes handed to the server per COPY message. */
    private static final int COPY_BUFFER = 1 << 20;

    private final DataSource dataSource;
    private final SimulatorConfig config;

    public CommerceLoader(DataSource dataSource, SimulatorConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** A connection in a transaction of its own, with a load's statement timeout; the caller commits or rolls back. */
    public Connection begin() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL statement_timeout = " + config.jobs().statementTimeout().toMillis());
        }
        return c;
    }

    /** Empties every table the loaders write (not the runs) and restarts their ids, inside the caller's transaction. */
    public void truncate(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("TRUNCATE commerce.reviews, commerce.payments, commerce.order_items, commerce.orders,"
                    + " commerce.customers, commerce.products, commerce.sellers RESTART IDENTITY");
        }
    }

    /** The tables a load COPYs into. */
    private static final String LOADED_TABLES = "'commerce.products'::regclass, 'commerce.customers'::regclass,"
            + " 'commerce.orders'::regclass, 'commerce.order_items'::regclass, 'commerce.payments'::regclass";

    /** What {@link #bare} took off the loaded tables, to be put back, in order, by {@link #restore}. */
    public record Restore(List<String> statements) {
    }

    /**
     * Takes the loaded tables down to bare tables for a {@code replace} load, the way {@code pg_restore} orders a restore: data
     * into bare tables, then keys and indexes, then foreign keys. Drops the foreign keys on or to the loaded tables, their
     * primary keys and unique constraints, their other indexes, and disables the sales mart's row-queueing insert triggers (a
     * replace has queued a full rebuild by its TRUNCATE; queueing every inserted row would only be thrown away). All inside the
     * caller's transaction, which must have truncated the tables: putting a key back fails on a duplicate as the COPY did, a
     * load that fails rolls the DDL back with the rows, and no one else sees the tables bare (TRUNCATE holds them exclusively
     * until commit).
     */
    public Restore bare(Connection c) throws SQLException {
        List<String> drop = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        List<String> foreignKeys = new ArrayList<>();
        List<String> triggers = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT conrelid::regclass::text, quote_ident(conname),"
                    + " pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND (conrelid IN (" + LOADED_TABLES
                    + ") OR confrelid IN (" + LOADED_TABLES + ")) ORDER BY 1, 2")) {
                while (rs.next()) {
                    drop.add("ALTER TABLE " + rs.getString(1) + " DROP CONSTRAINT " + rs.getString(2));
                    foreignKeys.add("ALTER TABLE " + rs.getString(1) + " ADD CONSTRAINT " + rs.getString(2) + " "
                            + rs.getString(3));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT conrelid::regclass::text, quote_ident(conname),"
                    + " pg_get_constraintdef(oid) FROM pg_constraint WHERE contype IN ('p', 'u') AND conrelid IN ("
                    + LOADED_TABLES + ") ORDER BY 1, 2")) {
                while (rs.next()) {
                    drop.add("ALTER TABLE " + rs.getString(1) + " DROP CONSTRAINT " + rs.getString(2));
                    keys.add("ALTER TABLE " + rs.getString(1) + " ADD CONSTRAINT " + rs.getString(2) + " "
                            + rs.getString(3));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)"
                    + " FROM pg_index i WHERE i.indrelid IN (" + LOADED_TABLES + ")"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) ORDER BY 1")) {
                while (rs.next()) {
                    drop.add("DROP INDEX " + rs.getString(1));
                    indexes.add(rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT tgrelid::regclass::text, quote_ident(tgname) FROM pg_trigger"
                    + " WHERE NOT tgisinternal AND tgenabled <> 'D' AND tgrelid IN (" + LOADED_TABLES + ")"
                    + " AND tgname LIKE 'mart\\_%\\_inserted' ORDER BY 1, 2")) {
                while (rs.next()) {
                    drop.add("ALTER TABLE " + rs.getString(1) + " DISABLE TRIGGER " + rs.getString(2));
                    triggers.add("ALTER TABLE " + rs.getString(1) + " ENABLE TRIGGER " + rs.getString(2));
                }
            }
            for (String statement : drop) {
                st.execute(statement);
            }
        }
        List<String> restore = new ArrayList<>(keys);
        restore.addAll(indexes);
        restore.addAll(foreignKeys);
        restore.addAll(triggers);
        return new Restore(restore);
    }

    /**
     * Puts back what {@link #bare} took off: the keys, the indexes, then the foreign keys (each checked once), then the
     * triggers.
     */
    public void restore(Connection c, Restore restore) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String statement : restore.statements()) {
                st.execute(statement);
            }
        }
    }

    /**
     * Keeps other writers (the live stream) out of the tables until commit, so the ids this load takes from the sequences
     * cannot be taken by anyone else.
     */
    public void lockForLoad(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("LOCK TABLE commerce.customers, commerce.products, commerce.orders IN SHARE ROW EXCLUSIVE MODE");
        }
    }

    /** The next id of {@code table}'s identity; with the lock held, this load owns every id from it on. */
    public long nextId(Connection c, String table) throws SQLException {
        return single(c, "SELECT nextval(pg_get_serial_sequence(?, 'id'))", table);
    }

    /** Moves {@code table}'s identity past the ids this load wrote. */
    public void idsUsedUpTo(Connection c, String table, long lastId) throws SQLException {
        single(c, "SELECT setval(pg_get_serial_sequence(?, 'id'), ?)", table, lastId);
    }

    /**
     * A COPY into {@code target} fed by the returned stream; closing it ends the COPY, {@code cancelCopy()} abandons it.
     */
    public PGCopyOutputStream copyIn(Connection c, String target, boolean freeze) throws SQLException {
        return new PGCopyOutputStream(c.unwrap(PGConnection.class), copySql(target, freeze), COPY_BUFFER);
    }

    /** COPYs a file of rows into {@code target}, telling {@code progress} the bytes sent so far; returns the rows. */
    public long copyFile(Connection c, String target, boolean freeze, Path file, LongConsumer progress)
            throws SQLException, IOException {
        try (InputStream in = new CountingInputStream(new BufferedInputStream(Files.newInputStream(file), COPY_BUFFER),
                progress)) {
            return c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql(target, freeze), in, COPY_BUFFER);
        }
    }

    private static String copySql(String target, boolean freeze) {
        // FREEZE is allowed (and saves a later vacuum) only into tables truncated in this transaction
        return "COPY " + target + " FROM STDIN" + (freeze ? " (FREEZE)" : "");
    }

    private static long single(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Reports the bytes read; the callback may throw to abort the COPY (cancellation). */
    private static final class CountingInputStream extends FilterInputStream {
        private final LongConsumer progress;
        private long bytes;

        CountingInputStream(InputStream in, LongConsumer progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytes += n;
                progress.accept(bytes);
            }
            return n;
        }
    }
}
