package io.ecomanalytics.analytics.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.ecomanalytics.analytics.config.AnalyticsConfig;
import io.ecomanalytics.contracts.config.StoreSettings;
import io.ecomanalytics.contracts.db.StatementGuard;
import io.ecomanalytics.contracts.problem.ApiException;
import io.quarkus.scheduler.Scheduled;

/**
 * The sales mart ({@code commerce.mart_*}, migration V6): the descriptive analytics read it instead of the orders. Every
 * analytic calls {@link #refresh()} first, which applies the changes the source tables' triggers queued and committed, so an
 * answer never misses a committed sale. Nothing queued: two index probes. A background task refreshes it too.
 */
@ApplicationScoped
public class SalesMart {
    /** More changed customers than this in one refresh rebuild the whole mart, which is then cheaper than person by person. */
    static final int FULL_REBUILD_ABOVE = 10_000;

    private static final Logger LOG = Logger.getLogger(SalesMart.class);

    private final DataSource dataSource;
    private final StoreSettings store;
    private final StatementGuard guard;
    private final AnalyticsConfig config;

    public SalesMart(DataSource dataSource, StoreSettings store, StatementGuard guard, AnalyticsConfig config) {
        this.dataSource = dataSource;
        this.store = store;
        this.guard = guard;
        this.config = config;
    }

    /**
     * Refreshes the mart right after start-up and then every {@code analytics.mart-refresh-every} ({@code off} disables it), so
     * the first caller after a bulk load does not wait for the rebuild.
     */
    @Scheduled(identity = "sales-mart-refresh", every = "${analytics.mart-refresh-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshInBackground() {
        try {
            refresh(config.martRefreshTimeout().toMillis());
        } catch (RuntimeException e) {
            LOG.warnf("background refresh of the sales mart failed (the next call refreshes it): %s", e.getMessage());
        }
    }

    /**
     * Brings the mart up to date with every committed change; returns what it did: {@code fresh}, {@code persons} or
     * {@code full}.
     */
    public String refresh() {
        return refresh(0);
    }

    /**
     * @param timeoutMillis
     *            the statement timeout of this refresh, 0 for the connection's own (the calls' bound): a caller that finds a
     *            whole rebuild to do gives up with a 503 at that bound, and the background refresh, which may take longer, does
     *            it
     */
    private String refresh(long timeoutMillis) {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            String done;
            try (PreparedStatement st = c.prepareStatement("SELECT commerce.mart_refresh(?, ?)")) {
                if (timeoutMillis > 0) {
                    try (Statement set = c.createStatement()) {
                        set.execute("SET LOCAL statement_timeout = " + timeoutMillis);
                    }
                }
                st.setString(1, store.zone().getId());
                st.setInt(2, FULL_REBUILD_ABOVE);
                done = guard.run(st, () -> {
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        return rs.getString(1);
                    }
                });
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
            if ("full".equals(done)) {
                // marks the new pages all-visible, so that the mart's covering indexes serve index-only scans
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("VACUUM commerce.mart_customers, commerce.mart_orders, commerce.mart_order_categories,"
                            + " commerce.mart_lines, commerce.mart_pairs, commerce.mart_persons");
                }
            }
            if (!"fresh".equals(done)) {
                LOG.infof("sales mart refreshed (%s) in %d ms", done, (System.nanoTime() - started) / 1_000_000);
            }
            return done;
        } catch (SQLException e) {
            if ("57014".equals(e.getSQLState())) {
                throw ApiException.unavailable("the sales mart is being rebuilt after a large change of the data;"
                        + " try again in a minute");
            }
            throw new IllegalStateException("cannot refresh the sales mart: " + e.getMessage(), e);
        }
    }
}
