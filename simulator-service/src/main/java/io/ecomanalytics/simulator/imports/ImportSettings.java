package io.ecomanalytics.simulator.imports;

import java.time.LocalDate;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the Olist and order-lines imports ({@code imports.*}). */
@ConfigMapping(prefix = "imports")
public interface ImportSettings {
    /** Orders dated before this day are implausible and rejected (rule {@code date-range}). */
    @WithDefault("2000-01-01")
    LocalDate earliestDate();

    /** Orders dated more than this many days after today are implausible and rejected. */
    @WithDefault("366")
    int latestDaysAhead();

    /** How many rejected rows the report lists with their reasons (all of them are counted). */
    @WithDefault("100")
    int rejectedSample();

    /**
     * The folder JSON imports read server-side files from ({@code IMPORTS_ROOT}); a relative root is taken from the working
     * directory (the repository for {@code ./run.sh}). Created at start when missing. See {@link ImportRoot}.
     */
    @WithDefault(".run/imports")
    String root();

    /** Imports waiting behind the running one; beyond it a new import is refused with 503. */
    @WithDefault("4")
    int queueSize();
}
