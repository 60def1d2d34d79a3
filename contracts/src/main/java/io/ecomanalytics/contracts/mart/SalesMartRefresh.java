package io.ecomanalytics.contracts.mart;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Brings the sales mart ({@code commerce.mart_*}, migrations V6, V7, V10) up to date with the changes to the commerce tables:
 * what every writer of those tables runs, inside its own transaction or right after it. Readers never run it: they read
 * {@code commerce.mart_state} (the data version and {@code refreshed_at}) and the mart, in read-only transactions.
 * <p>
 * A refresh rewrites the persons of a few changed customers in place, or rebuilds the whole mart beside the live one and swaps
 * it in at the end (readers keep the previous mart until the writer commits). A rebuild goes in steps so that a bulk load can
 * show each as a phase of its job.
 */
public final class SalesMartRefresh {
    /** More changed customers than this in one refresh rebuild the whole mart, which is then cheaper than person by person. */
    public static final int FULL_REBUILD_ABOVE = 10_000;

    /** What a refresh did. */
    public enum Kind {
        /** Nothing was queued: the mart was up to date. */
        FRESH,
        /** The persons of the changed customers were rewritten. */
        PERSONS,
        /** The whole mart was rebuilt and swapped in. */
        FULL
    }

    /**
     * @param version
     *            the data version after the refresh (a refresh that changed something bumps it)
     * @param refreshedAt
     *            when the mart was last changed: what analytics reports as {@code dataAsOf}
     */
    public record Outcome(Kind kind, long version, OffsetDateTime refreshedAt) {
    }

    /** Told each step of a refresh: its name and the share of the refresh done before it, in [0, 1). */
    @FunctionalInterface
    public interface Steps {
        Steps NONE = (step, done) -> {
        };

        void step(String step, double done);
    }

    private SalesMartRefresh() {
    }

    /**
     * Takes the refresh lock for the rest of the caller's transaction. A bulk load takes it first, before it locks or truncates
     * the commerce tables: a refresh by someone else that held the lock while it waited for those tables would deadlock with
     * the load's own refresh at its end.
     */
    public static void lock(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(hashtext('commerce.mart_refresh'))");
        }
    }

    /**
     * Refreshes the mart inside the caller's transaction (auto-commit off), which commits it: a load's rows and the mart that
     * counts them then become visible together. After a {@link Kind#FULL} rebuild has committed, {@link #vacuum} it.
     */
    public static Outcome refresh(Connection c, ZoneId zone, Steps steps) throws SQLException {
        steps.step("changes", 0);
        String done;
        try (PreparedStatement st = c.prepareStatement("SELECT commerce.mart_refresh_begin(?, ?)")) {
            st.setString(1, zone.getId());
            st.setInt(2, FULL_REBUILD_ABOVE);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                done = rs.getString(1);
            }
        }
        Kind kind = Kind.valueOf(done.toUpperCase(java.util.Locale.ROOT));
        if (kind == Kind.FULL) {
            // shares of a rebuild's time at a million simulated orders: the rows take most of it
            steps.step("writing", 0.05);
            try (PreparedStatement st = c.prepareStatement("SELECT commerce.mart_rebuild_write(?)")) {
                st.setString(1, zone.getId());
                st.execute();
            }
            steps.step("indexing", 0.7);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT commerce.mart_rebuild_index()");
            }
            steps.step("swapping", 0.95);
            try (PreparedStatement st = c.prepareStatement("SELECT commerce.mart_rebuild_swap(?)")) {
                st.setString(1, zone.getId());
                st.execute();
            }
        }
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT version, refreshed_at FROM commerce.mart_state")) {
            if (!rs.next()) {
                // only an empty queue on a mart never built gets here, which begin() rebuilds instead
                throw new IllegalStateException("the sales mart has no state after its refresh");
            }
            return new Outcome(kind, rs.getLong(1), rs.getObject(2, OffsetDateTime.class));
        }
    }

    /**
     * Refreshes the mart in a transaction of its own, with {@code timeout} as its statement timeout, then vacuums a rebuilt
     * mart. What a writer runs right after its own transaction (a live order) or on its own (at start-up).
     */
    public static Outcome refresh(DataSource dataSource, ZoneId zone, Duration timeout) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            Outcome outcome;
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL statement_timeout = " + timeout.toMillis());
                }
                outcome = refresh(c, zone, Steps.NONE);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
            if (outcome.kind() == Kind.FULL) {
                vacuum(c, timeout);
            }
            return outcome;
        }
    }

    /**
     * After a rebuild has committed: marks the new tables' pages all-visible, so that the mart's covering indexes serve
     * index-only scans. Runs outside a transaction (VACUUM cannot run inside one): the connection must be in auto-commit.
     * {@code timeout} bounds it instead of the connection's own statement timeout, which is the calls' bound.
     */
    public static void vacuum(Connection c, Duration timeout) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT format('commerce.%I', t) FROM commerce.mart_tables() t")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = " + timeout.toMillis());
            try {
                // the names come from the catalog, quoted by format('%I')
                st.execute("VACUUM " + String.join(", ", tables));
            } finally {
                st.execute("RESET statement_timeout");
            }
        }
    }

    /** Vacuums the mart on a connection of its own (see {@link #vacuum(Connection, Duration)}). */
    public static void vacuum(DataSource dataSource, Duration timeout) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            vacuum(c, timeout);
        }
    }
}
