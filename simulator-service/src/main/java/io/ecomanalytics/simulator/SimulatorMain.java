package io.ecomanalytics.simulator;

import java.time.LocalDate;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import io.ecomanalytics.simulator.model.Run;
import io.ecomanalytics.simulator.model.SimulationRequest;
import io.ecomanalytics.simulator.service.SimulationService;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Without arguments, the HTTP service. With {@code simulate [options]}, one generation loaded straight into the configured
 * database with a progress bar in the log, then exit (0 when it completed):
 *
 * <pre>
 * java -jar simulator-service/target/quarkus-app/quarkus-run.jar simulate --years 5 --customers-per-year 2000 \
 *     --products-per-year 200 [--seed 42] [--start-date 2021-01-01] [--fraud-rate 0.005] [--cagr 0.15] \
 *     [--profile default|olist-like] [--warm-up-years 5] [--replace]
 * </pre>
 */
@QuarkusMain
public class SimulatorMain implements QuarkusApplication {
    private static final String USAGE = "usage: simulate [--years N] [--customers-per-year N] [--products-per-year N]"
            + " [--seed N] [--start-date YYYY-MM-DD] [--fraud-rate X] [--cagr X] [--profile default|olist-like]"
            + " [--warm-up-years 0..10] [--replace]";

    @Inject
    SimulationService simulations;
    @Inject
    Validator validator;

    public static void main(String... args) {
        if (args.length > 0) {
            // a command-line load runs beside a running service: never take its HTTP or management port (with only the
            // HTTP port random, the management server's start never completed: the two registered the same Prometheus
            // meter with other tags, and the command hung before it began); and its progress bar is for a terminal, not a
            // log collector
            System.setProperty("quarkus.http.port", "0");
            System.setProperty("quarkus.management.port", "0");
            System.setProperty("quarkus.log.console.json.enabled", "false");
        }
        Quarkus.run(SimulatorMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        SimulationRequest request;
        try {
            request = parse(args);
        } catch (IllegalArgumentException e) {
            Log.errorf("%s%n%s", e.getMessage(), USAGE);
            return 2;
        }
        Set<ConstraintViolation<SimulationRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            Log.errorf("invalid options: %s", violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage())
                    .sorted().collect(Collectors.joining("; ")));
            return 2;
        }
        ProgressBar bar = new ProgressBar();
        Run run = simulations.runHere(request, (phase, percent) -> bar.update(phase, percent).ifPresent(Log::info));
        Log.infof("run %s %s in %.1f s: %s %s", run.id(), run.status(), run.elapsedSeconds(), run.counts(),
                run.error() == null ? "" : run.error());
        if (run.result() != null) {
            Log.infof("timings (ms): %s", run.result().get("millis"));
        }
        return Run.COMPLETED.equals(run.status()) ? 0 : 1;
    }

    private static <T> T read(String option, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("option " + option + ": cannot read '" + value + "'");
        }
    }

    static SimulationRequest parse(String... args) {
        if (!"simulate".equals(args[0])) {
            throw new IllegalArgumentException("unknown command '" + args[0] + "'");
        }
        Integer years = null;
        Integer customers = null;
        Integer products = null;
        Long seed = null;
        LocalDate start = null;
        Double fraud = null;
        Double cagr = null;
        String profile = null;
        Integer warmUp = null;
        boolean replace = false;
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            if ("--replace".equals(option)) {
                replace = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--years" -> years = read(option, value, Integer::valueOf);
                case "--customers-per-year" -> customers = read(option, value, Integer::valueOf);
                case "--products-per-year" -> products = read(option, value, Integer::valueOf);
                case "--seed" -> seed = read(option, value, Long::valueOf);
                case "--start-date" -> start = read(option, value, LocalDate::parse);
                case "--fraud-rate" -> fraud = read(option, value, Double::valueOf);
                case "--cagr" -> cagr = read(option, value, Double::valueOf);
                case "--profile" -> profile = value;
                case "--warm-up-years" -> warmUp = read(option, value, Integer::valueOf);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new SimulationRequest(years, customers, products, start, seed, fraud, profile, cagr, warmUp, replace);
    }
}
