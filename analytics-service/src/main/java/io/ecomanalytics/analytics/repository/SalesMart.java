package io.ecomanalytics.analytics.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.ecomanalytics.analytics.config.AnalyticsConfig;
import io.ecomanalytics.contracts.config.StoreSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

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
    private final AnalyticsConfig config;
    private ScheduledExecutorService refresher;

    public SalesMart(DataSource dataSource, StoreSettings store, AnalyticsConfig config) {
        this.dataSource = dataSource;
        this.store = store;
        this.config = config;
    }

    /**
     * Builds the mart in the background at start-up and then refreshes it every {@code analytics.mart-refresh-seconds}, so the
     * first caller after a bulk load does not wait for the rebuild.
     */
    void start(@Observes StartupEvent started) {
        int seconds = config.martRefreshSeconds();
        if (seconds <= 0) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sales-mart-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                LOG.warnf("background refresh of the sales mart failed (the next call refreshes it): %s", e.getMessage());
            }
        }, 0, seconds, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /**
     * Brings the mart up to date with every committed change; returns what it did: {@code fresh}, {@code persons} or
     * {@code full}.
     */
    public String refresh() {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            String done;
            try (PreparedStatement st = c.prepareStatement("SELECT commerce.mart_refresh(?, ?)")) {
                st.setString(1, store.zone().getId());
                st.setInt(2, FULL_REBUILD_ABOVE);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    done = rs.getString(1);
                }
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
                            + " commerce.mart_lines, commerce.mart_pairs");
                }
            }
            if (!"fresh".equals(done)) {
                LOG.infof("sales mart refreshed (%s) in %d ms", done, (System.nanoTime() - started) / 1_000_000);
            }
            return done;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot refresh the sales mart: " + e.getMessage(), e);
        }
    }
}
