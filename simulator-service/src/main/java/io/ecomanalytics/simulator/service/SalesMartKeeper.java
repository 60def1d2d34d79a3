package io.ecomanalytics.simulator.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.ecomanalytics.contracts.config.StoreSettings;
import io.ecomanalytics.contracts.mart.SalesMartRefresh;
import io.ecomanalytics.contracts.mart.SalesMartRefresh.Outcome;
import io.ecomanalytics.simulator.config.SimulatorConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.DurationConverter;

/**
 * Keeps the sales mart up to date with what this service writes, so that analytics, which only reads, sees each write once it
 * is refreshed: a load refreshes it inside its own transaction (its rows and the mart that counts them commit together), a live
 * order right after its own, on this keeper's thread (orders placed while a refresh runs share the next one). A periodic
 * refresh from start-up on builds the mart of a database that has none and takes in changes made by anything else. Each refresh
 * that changed the mart is timed in {@code simulator.sales.mart.refresh}, by kind.
 */
@ApplicationScoped
public class SalesMartKeeper {
    private final DataSource dataSource;
    private final StoreSettings store;
    private final SimulatorConfig.Mart config;
    private final MeterRegistry registry;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sales-mart");
        t.setDaemon(true);
        return t;
    });

    public SalesMartKeeper(DataSource dataSource, StoreSettings store, SimulatorConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.store = store;
        this.config = config.mart();
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        String every = config.refreshEvery().strip();
        if (!every.equalsIgnoreCase("off")) {
            long millis = DurationConverter.parseDuration(every).toMillis();
            refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Something was committed outside a load (a live order): the mart is refreshed soon, on this keeper's thread. */
    public void changed() {
        if (pending.compareAndSet(false, true)) {
            try {
                refresher.execute(() -> {
                    // cleared first: a change committed while this refresh runs asks for the next one
                    pending.set(false);
                    refreshQuietly();
                });
            } catch (RejectedExecutionException e) {
                pending.set(false); // shutting down: the next start's refresh takes the change in
            }
        }
    }

    /** Refreshes the mart now, in a transaction of its own; what it did. */
    public Outcome refreshNow() throws SQLException {
        long started = System.nanoTime();
        return timed(SalesMartRefresh.refresh(dataSource, store.zone(), config.refreshTimeout()), started);
    }

    /**
     * For a load, first in its transaction: takes the refresh lock before the load locks or truncates the commerce tables (see
     * {@link SalesMartRefresh#lock}).
     */
    public void lockForLoad(Connection c) throws SQLException {
        SalesMartRefresh.lock(c);
    }

    /** Refreshes the mart inside a load's transaction, which commits it; {@link #afterLoad} once it has. */
    public Outcome refreshInLoad(Connection c, SalesMartRefresh.Steps steps) throws SQLException {
        long started = System.nanoTime();
        return timed(SalesMartRefresh.refresh(c, store.zone(), steps), started);
    }

    /** Logs a refresh that changed the mart and times it in {@code simulator.sales.mart.refresh}, by kind. */
    private Outcome timed(Outcome outcome, long started) {
        if (outcome.kind() != SalesMartRefresh.Kind.FRESH) {
            long nanos = System.nanoTime() - started;
            registry.timer("simulator.sales.mart.refresh", "kind", outcome.kind().name().toLowerCase(Locale.ROOT))
                    .record(nanos, TimeUnit.NANOSECONDS);
            Log.infof("sales mart refreshed (%s, version %d) in %d ms", outcome.kind(), outcome.version(),
                    TimeUnit.NANOSECONDS.toMillis(nanos));
        }
        return outcome;
    }

    /**
     * After a load whose refresh rebuilt the mart has committed: vacuums the new tables for index-only scans. A failure only
     * costs speed until autovacuum comes by: logged, not thrown at a load that has committed.
     */
    public void afterLoad(Outcome outcome) {
        if (outcome.kind() != SalesMartRefresh.Kind.FULL) {
            return;
        }
        try {
            SalesMartRefresh.vacuum(dataSource, config.refreshTimeout());
        } catch (SQLException | RuntimeException e) {
            Log.warnf("vacuum of the rebuilt sales mart failed (reads are slower until autovacuum runs): %s",
                    e.getMessage());
        }
    }

    /** What a job reports of its refresh: what was done, the data version and its time. */
    public static Map<String, Object> describe(Outcome outcome, long millis) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("refresh", outcome.kind().name().toLowerCase(Locale.ROOT));
        described.put("version", outcome.version());
        described.put("dataAsOf", outcome.refreshedAt());
        described.put("millis", millis);
        return described;
    }

    private void refreshQuietly() {
        try {
            refreshNow();
        } catch (SQLException | RuntimeException e) {
            Log.warnf("refresh of the sales mart failed (the next change or the periodic refresh tries again): %s",
                    e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }
}
