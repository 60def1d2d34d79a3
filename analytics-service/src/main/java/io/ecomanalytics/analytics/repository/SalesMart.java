package io.ecomanalytics.analytics.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.ecomanalytics.contracts.config.StoreSettings;
import io.quarkus.runtime.StartupEvent;

/**
 * The sales mart ({@code commerce.mart_*}, migration V6): the descriptive analytics read it instead of the orders. Every
 * analytic calls {@link #refresh()} first, which applies the changes the source tables' triggers queued and committed, so an
 * answer never misses a committed sale. Nothing queued: two index probes.
 */
@ApplicationScoped
public class SalesMart {
    /** More changed customers than this in one refresh rebuild the whole mart, which is then cheaper than person by person. */
    static final int FULL_REBUILD_ABOVE = 10_000;

    private static final Logger LOG = Logger.getLogger(SalesMart.class);

    private final DataSource dataSource;
    private final StoreSettings store;

    public SalesMart(DataSource dataSource, StoreSettings store) {
        this.dataSource = dataSource;
        this.store = store;
    }

    /** Builds the mart in the background at start-up, so the first caller after a bulk load does not wait for it. */
    void warmUp(@Observes StartupEvent started) {
        Thread warmUp = new Thread(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                LOG.warnf("sales mart not built at start-up (the first analytic builds it): %s", e.getMessage());
            }
        }, "sales-mart-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
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
            if (!"fresh".equals(done)) {
                LOG.infof("sales mart refreshed (%s) in %d ms", done, (System.nanoTime() - started) / 1_000_000);
            }
            return done;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot refresh the sales mart: " + e.getMessage(), e);
        }
    }
}
