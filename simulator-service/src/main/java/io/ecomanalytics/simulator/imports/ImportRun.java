package io.ecomanalytics.simulator.imports;

import java.sql.Connection;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

import io.ecomanalytics.contracts.config.StoreSettings;
import io.ecomanalytics.contracts.mart.SalesMartRefresh;
import io.ecomanalytics.simulator.imports.csv.CsvInput;
import io.ecomanalytics.simulator.imports.csv.CsvReader;
import io.ecomanalytics.simulator.imports.csv.CsvRow;
import io.ecomanalytics.simulator.imports.db.CommerceStore;
import io.ecomanalytics.simulator.imports.validation.RuleContext;
import io.ecomanalytics.simulator.imports.validation.Rules;
import io.ecomanalytics.simulator.imports.validation.Validation;

/**
 * The state one import carries from start to end: its rule context, its report, where it reports progress and how it learns
 * that it was cancelled. Shared by the Olist and order-lines importers so both count and cancel alike.
 */
public final class ImportRun {
    private static final int CHECK_EVERY_ROWS = 4096;

    private final RuleContext context;
    private final ImportReport.Builder report;
    private final ImportProgress progress;
    private final BooleanSupplier cancelled;
    private long rows;

    public ImportRun(String kind, boolean replace, DateTimeFormatter timestampFormat, ImportSettings settings,
            StoreSettings store, ImportProgress progress, BooleanSupplier cancelled) {
        this.context = new RuleContext(timestampFormat, store.zone(), settings.earliestDate(),
                LocalDate.now(store.zone()).plusDays(settings.latestDaysAhead()));
        this.report = new ImportReport.Builder(kind, replace, settings.rejectedSample());
        this.progress = progress;
        this.cancelled = cancelled;
    }

    public RuleContext context() {
        return context;
    }

    public ImportReport report() {
        return report.build();
    }

    /** Reads every row of a file into memory, so that a bad file is refused before the transaction begins. */
    public List<CsvRow> read(CsvInput input, List<String> columns) {
        List<CsvRow> rows = new ArrayList<>();
        CsvReader.read(input, columns, r -> {
            row();
            rows.add(r);
        });
        return rows;
    }

    /**
     * Runs the validating and writing part of an import in one transaction, after emptying the commerce tables when asked to
     * replace them, and returns the report; any failure or cancellation rolls everything back. The same transaction brings the
     * sales mart up to date (phases {@code sales mart: ...}), so that analytics sees the import and the mart that counts it
     * together, and what was there before until then.
     */
    public ImportReport load(CommerceStore store, boolean replace, Consumer<Connection> work) {
        SalesMartRefresh.Outcome[] refreshed = new SalesMartRefresh.Outcome[1];
        ImportReport done = store.inTransaction(c -> {
            store.lockMart(c);
            if (replace) {
                phase("truncate", 30);
                CommerceStore.truncateAll(c);
            }
            work.accept(c);
            refreshed[0] = store.refreshMart(c, (step, share) -> phase("sales mart: " + step, 95 + 4 * share));
            phase("done", 100);
            return report();
        });
        store.afterLoad(refreshed[0]);
        return done;
    }

    /** Reports the phase and stops the import (its transaction rolls back) if it was cancelled. */
    public void phase(String phase, double percent) {
        checkCancelled();
        progress.report(phase, percent, rows);
    }

    /** Counts a handled row and, every few thousand rows, checks for cancellation. */
    public void row() {
        if (++rows % CHECK_EVERY_ROWS == 0) {
            checkCancelled();
        }
    }

    /**
     * Validates the rows of one file in order and returns those accepted; every row is counted as loaded or rejected with the
     * rule that refused it.
     */
    public List<CsvRow> validate(String file, List<CsvRow> rows, Validation<CsvRow> validation,
            Function<CsvRow, String> key) {
        ImportReport.Builder.Tally tally = report.file(file);
        List<CsvRow> accepted = new ArrayList<>(rows.size());
        for (CsvRow row : rows) {
            row();
            tally.read();
            var failure = validation.firstFailure(row, context);
            if (failure.isPresent()) {
                tally.rejected(row.number(), Rules.shown(key.apply(row)), failure.get().rule(), failure.get().reason());
            } else {
                tally.loaded();
                accepted.add(row);
            }
        }
        return accepted;
    }

    private void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new ImportCancelledException();
        }
    }
}
