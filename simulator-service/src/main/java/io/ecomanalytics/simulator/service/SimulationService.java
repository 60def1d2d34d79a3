package io.ecomanalytics.simulator.service;

import static io.ecomanalytics.simulator.repository.CommerceLoader.*;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.copy.PGCopyOutputStream;

import io.ecomanalytics.contracts.api.ApiDates;
import io.ecomanalytics.contracts.config.StoreSettings;
import io.ecomanalytics.contracts.mart.SalesMartRefresh;
import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.simulator.config.SimulatorConfig;
import io.ecomanalytics.simulator.generator.CopyTextWriter;
import io.ecomanalytics.simulator.generator.MarketCalendar;
import io.ecomanalytics.simulator.generator.Profile;
import io.ecomanalytics.simulator.generator.SimulationConstants;
import io.ecomanalytics.simulator.generator.SimulationPlan;
import io.ecomanalytics.simulator.generator.StoreGenerator;
import io.ecomanalytics.simulator.job.JobContext;
import io.ecomanalytics.simulator.job.JobRunner;
import io.ecomanalytics.simulator.model.Run;
import io.ecomanalytics.simulator.model.SimulationRequest;
import io.ecomanalytics.simulator.repository.CommerceLoader;
import io.ecomanalytics.simulator.repository.RunRepository;

/**
 * Simulation runs: resolves a request into a plan, generates the store and loads it with COPY in one transaction, which also
 * brings the sales mart up to date (its phases {@code sales mart: ...}), then asks metrics-service to rebuild the days it
 * touched.
 */
@ApplicationScoped
public class SimulationService {
    public static final String KIND = "simulation";
    /** The share of a run's progress its load takes; the sales mart's refresh the rest (about as long at a million orders). */
    static final int LOAD_SHARE = 55;

    private final CommerceLoader loader;
    private final JobRunner jobs;
    private final RunRepository runs;
    private final MetricsRebuild rebuild;
    private final SalesMartKeeper mart;
    private final StoreSettings store;
    private final SimulatorConfig config;
    private final ApiDates dates;

    public SimulationService(CommerceLoader loader, JobRunner jobs, RunRepository runs, MetricsRebuild rebuild,
            SalesMartKeeper mart, StoreSettings store, SimulatorConfig config, ApiDates dates) {
        this.loader = loader;
        this.jobs = jobs;
        this.runs = runs;
        this.rebuild = rebuild;
        this.mart = mart;
        this.store = store;
        this.config = config;
        this.dates = dates;
    }

    /**
     * The plan a request stands for, its omitted fields filled with the defaults.
     *
     * @throws ApiException
     *             400 naming {@code startDate} when it lies outside the API's date window, or {@code profile} when unknown
     */
    public SimulationPlan plan(SimulationRequest request) {
        int years = request.years() == null ? 5 : request.years();
        LocalDate start = request.startDate() != null
                ? dates.check("startDate", request.startDate())
                : LocalDate.now(store.zone()).minusYears(years);
        Profile profile = request.profile() == null
                ? Profile.DEFAULT
                : Profile.fromCode(request.profile())
                        .orElseThrow(() -> ApiException.badRequest("profile", "must be one of " + Profile.PATTERN));
        List<MarketCalendar.Promotion> promotions = config.promotions().stream().map(MarketCalendar.Promotion::parse)
                .toList();
        return new SimulationPlan(years, request.customersPerYear() == null ? 2000 : request.customersPerYear(),
                request.productsPerYear() == null ? 200 : request.productsPerYear(), start,
                request.seed() == null ? config.defaultSeed() : request.seed(),
                request.fraudRate() == null ? SimulationConstants.DEFAULT_FRAUD_RATE : request.fraudRate(), profile,
                request.cagr() == null ? SimulationConstants.DEFAULT_CAGR : request.cagr(),
                request.warmUpYears() == null ? SimulationConstants.DEFAULT_WARM_UP_YEARS : request.warmUpYears(),
                store.zone(), promotions);
    }

    /** Queues a run; returns its id. */
    public UUID submit(SimulationRequest request) {
        SimulationPlan plan = plan(request);
        boolean replace = Boolean.TRUE.equals(request.replace());
        return jobs.submit(KIND, parameters(plan, replace), context -> load(plan, replace, context));
    }

    /** Runs a simulation on the calling thread (command line). */
    public Run runHere(SimulationRequest request, BiConsumer<String, Double> progress) {
        SimulationPlan plan = plan(request);
        boolean replace = Boolean.TRUE.equals(request.replace());
        return jobs.runHere(KIND, parameters(plan, replace), context -> load(plan, replace, context), progress);
    }

    public Run find(UUID id) {
        return runs.find(id).filter(r -> KIND.equals(r.kind())).map(this::withRebuildState)
                .orElseThrow(() -> ApiException.notFound("no simulation " + id));
    }

    public List<Run> list(int limit) {
        return runs.list(KIND, limit).stream().map(this::withRebuildState).toList();
    }

    /** Asks a queued or running simulation to stop; 409 when it has finished or another instance runs it. */
    public Run cancel(UUID id) {
        Run run = find(id);
        if (run.finished()) {
            throw ApiException.conflict("simulation " + id + " already ended " + run.status());
        }
        if (!jobs.cancel(id)) {
            throw ApiException.conflict("simulation " + id + " is executed by another instance");
        }
        return find(id);
    }

    /** A run with its metrics-rebuild state read from Redis when the run asked for one. */
    public Run withRebuildState(Run run) {
        if (run.result() == null || !run.result().hasNonNull("metricsRebuild")) {
            return run;
        }
        String asked = run.result().get("metricsRebuild").asText();
        return run.withMetricsRebuild(MetricsRebuild.REQUESTED.equals(asked) ? rebuild.state(run.id().toString()) : asked);
    }

    /**
     * Generates and loads one store, and refreshes the sales mart in the same transaction, so that analytics sees the new rows
     * and the mart that counts them together, and the previous ones until then. Any failure or cancellation rolls everything
     * back. Progress: the load's phases up to {@value #LOAD_SHARE}%, the mart's after them.
     */
    Map<String, Object> load(SimulationPlan plan, boolean replace, JobContext context) throws Exception {
        String runId = context.id().toString();
        StoreGenerator generator = new StoreGenerator(plan, runId);
        Map<String, Long> millis = new LinkedHashMap<>();
        Path spill = Files.createTempDirectory("simulation-" + runId);
        StoreGenerator.Totals totals;
        SalesMartRefresh.Outcome refreshed;
        try (Connection c = loader.begin()) {
            PGCopyOutputStream[] open = new PGCopyOutputStream[1];
            try {
                long t0 = System.nanoTime();
                context.progress("preparing", 0);
                mart.lockForLoad(c);
                // a replace loads into bare tables and puts the indexes and constraints back after its rows
                CommerceLoader.Restore restore = null;
                if (replace) {
                    loader.truncate(c);
                    restore = loader.bare(c);
                }
                loader.lockForLoad(c);
                long firstProduct = loader.nextId(c, "commerce.products");
                long firstCustomer = loader.nextId(c, "commerce.customers");
                long firstOrder = loader.nextId(c, "commerce.orders");

                context.progress("products", 1);
                long t1 = System.nanoTime();
                open[0] = loader.copyIn(c, PRODUCTS, replace);
                try (CopyTextWriter products = new CopyTextWriter(open[0])) {
                    generator.writeProducts(products, firstProduct);
                }
                context.count("products", generator.totalProducts());
                millis.put("products", elapsed(t1));

                // customers stream straight into COPY; their orders, items and payments wait in files until the
                // customers are in (one COPY at a time per connection, and every order needs its customer)
                long t2 = System.nanoTime();
                open[0] = loader.copyIn(c, CUSTOMERS, replace);
                Path orders = spill.resolve("orders");
                Path items = spill.resolve("items");
                Path payments = spill.resolve("payments");
                try (CopyTextWriter customers = new CopyTextWriter(open[0]);
                        CopyTextWriter orderRows = spillWriter(orders);
                        CopyTextWriter itemRows = spillWriter(items);
                        CopyTextWriter paymentRows = spillWriter(payments)) {
                    totals = generator.writeCustomersAndOrders(
                            new StoreGenerator.Sinks(customers, orderRows, itemRows, paymentRows), firstCustomer,
                            firstOrder, (done, total) -> context.progress("generating", 2 + 23.0 * done / total));
                }
                open[0] = null;
                context.count("customers", totals.customers());
                millis.put("generate+customers", elapsed(t2));

                copySpilled(c, context, ORDERS, replace, orders, "orders", 25, 35, totals.orders(), millis);
                copySpilled(c, context, ORDER_ITEMS, replace, items, "order_items", 35, 48, totals.items(), millis);
                copySpilled(c, context, PAYMENTS, replace, payments, "payments", 48, LOAD_SHARE, totals.payments(),
                        millis);

                if (restore != null) {
                    long tr = System.nanoTime();
                    context.progress("indexes and constraints", LOAD_SHARE);
                    loader.restore(c, restore);
                    millis.put("indexesAndConstraints", elapsed(tr));
                }
                loader.idsUsedUpTo(c, "commerce.products", firstProduct + generator.totalProducts() - 1);
                loader.idsUsedUpTo(c, "commerce.customers", firstCustomer + totals.customers() - 1);
                if (totals.orders() > 0) {
                    loader.idsUsedUpTo(c, "commerce.orders", firstOrder + totals.orders() - 1);
                }
                long t3 = System.nanoTime();
                refreshed = mart.refreshInLoad(c, (step, done) -> context.progress("sales mart: " + step,
                        LOAD_SHARE + (98 - LOAD_SHARE) * done));
                millis.put("salesMart", elapsed(t3));
                context.progress("committing", 99);
                c.commit();
                // committed: no progress report (which could throw a cancellation) until the job ends
                long t4 = System.nanoTime();
                mart.afterLoad(refreshed);
                millis.put("salesMartVacuum", elapsed(t4));
                millis.put("total", elapsed(t0));
            } catch (Exception | Error e) {
                if (open[0] != null && open[0].isActive()) {
                    open[0].cancelCopy();
                }
                c.rollback();
                throw e;
            }
        } finally {
            deleteRecursively(spill);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("groundTruth", totals.groundTruth());
        result.put("firstOrderDay", totals.firstOrderDay());
        result.put("lastOrderDay", totals.lastOrderDay());
        result.put("millis", millis);
        result.put("salesMart", SalesMartKeeper.describe(refreshed, millis.get("salesMart")));
        if (totals.firstOrderDay() != null) {
            result.put("metricsRebuild", rebuild.request(runId, totals.firstOrderDay(), totals.lastOrderDay()));
        }
        return result;
    }

    private void copySpilled(Connection c, JobContext context, String target, boolean freeze, Path file, String table,
            double fromPercent, double toPercent, long rows, Map<String, Long> millis) throws SQLException, IOException {
        long size = Math.max(1, Files.size(file));
        long start = System.nanoTime();
        context.progress("loading " + table, fromPercent);
        loader.copyFile(c, target, freeze, file, bytes -> context.progress("loading " + table,
                fromPercent + (toPercent - fromPercent) * bytes / size));
        context.count(table, rows);
        millis.put(table, elapsed(start));
    }

    private static CopyTextWriter spillWriter(Path file) throws IOException {
        return new CopyTextWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20));
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static Map<String, Object> parameters(SimulationPlan plan, boolean replace) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("years", plan.years());
        p.put("customersPerYear", plan.customersPerYear());
        p.put("productsPerYear", plan.productsPerYear());
        p.put("startDate", plan.startDate().toString());
        p.put("seed", plan.seed());
        p.put("fraudRate", plan.fraudRate());
        p.put("profile", plan.profile().code());
        p.put("cagr", plan.cagr());
        p.put("warmUpYears", plan.warmUpYears());
        p.put("zone", plan.zone().getId());
        p.put("promotions", plan.promotions());
        p.put("replace", replace);
        return p;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
