package io.ecomanalytics.simulator.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of simulator-service ({@code simulator.*}); business constants of the generation are in SimulationConstants. */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {
    Jobs jobs();

    /** The sales mart, which the simulator brings up to date with each of its writes (contracts' SalesMartRefresh). */
    Mart mart();

    /**
     * The store's recurring promotions, {@code MM-dd:days:multiplier}, on top of the market events. Default: Dia do Consumidor
     * (15 March, Brazil's consumer-rights day sales) and the "Liquida" mid-year clearance (early July).
     */
    @WithDefault("03-15:1:1.5,07-01:5:1.2")
    List<String> promotions();

    /** The seed of a run that names none: the default data set is the same everywhere. */
    @WithDefault("42")
    long defaultSeed();

    /** Background jobs (simulations, imports): a bounded executor whose progress lives in {@code commerce.runs}. */
    interface Jobs {
        /** Jobs executed at the same time; a bulk load saturates a PostgreSQL core, so one by default. */
        @WithDefault("1")
        int concurrency();

        /** Jobs that may wait; one more is refused with 409. */
        @WithDefault("8")
        int queueCapacity();

        /** How often a running job's row is marked alive. */
        @WithDefault("5s")
        Duration heartbeat();

        /** A QUEUED or RUNNING row not marked alive for this long belongs to a stopped instance and is failed. */
        @WithDefault("60s")
        Duration orphanAfter();

        /**
         * Statement timeout of a load's own transaction ({@code SIMULATOR_JOBS_STATEMENT_TIMEOUT}): a COPY of millions of rows
         * and the index and mart work after it run far longer than the calls' bound (contracts' {@code DB_STATEMENT_TIMEOUT}),
         * but not for ever.
         */
        @WithDefault("PT2H")
        Duration statementTimeout();
    }

    /** When the sales mart is refreshed besides the loads, which refresh it in their own transaction. */
    interface Mart {
        /**
         * How often the mart is refreshed from start-up on ({@code SIMULATOR_MART_REFRESH_EVERY}, {@code off} disables it): the
         * first refresh builds the mart of a database that has none, and the later ones take in changes made by anything but
         * this service (SQL by hand). Cheap when nothing changed: two index probes.
         */
        @WithDefault("10s")
        String refreshEvery();

        /**
         * Statement timeout of a refresh outside a load ({@code SIMULATOR_MART_REFRESH_TIMEOUT}): at start-up, after live
         * orders, the periodic one. A whole rebuild takes about a minute at a million orders, several for real baskets.
         */
        @WithDefault("PT30M")
        Duration refreshTimeout();
    }
}
