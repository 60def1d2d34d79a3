package io.ecomanalytics.analytics.cache;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ecomanalytics.analytics.anomaly.AnomalyService;
import io.ecomanalytics.analytics.forecast.ForecastService;
import io.ecomanalytics.analytics.ltv.LtvService;
import io.ecomanalytics.analytics.model.Granularity;
import io.ecomanalytics.analytics.model.ProductPairs;
import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.analytics.repository.SalesMart;
import io.ecomanalytics.analytics.service.CohortService;
import io.ecomanalytics.analytics.service.FinancialService;
import io.ecomanalytics.analytics.service.GeoService;
import io.ecomanalytics.analytics.service.ProductService;
import io.ecomanalytics.analytics.service.RfmService;
import io.ecomanalytics.contracts.problem.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * The dashboard's opening view of the heavy analyses, computed as soon as the data changes: the analyst who opens the dashboard
 * after a load finds these answers in the Redis cache ({@link AnswerCache}) instead of waiting for a lifetime-value fit (~20 s
 * at 1M orders) or a screen of every order (~6 s per 1M). Every {@code analytics.cache.opening-view.check-every} the data
 * version is read (one row); for a version not seen yet, one replica (a Redis {@code SET NX} per version and settings) computes
 * each call of {@link #CALLS} exactly as the HTTP call would, and keeps it under the key {@link HttpCaching} gives that call. A
 * change of the data while it works stops it; the next check starts over on the new version. Other filters than the default are
 * computed on their first call, as before.
 * <p>
 * The calls are the dashboard's opening ones (dashboard {@code app/tabs/anomalies.js}, {@code ltv.js}, {@code forecast.js} with
 * the default filters: all time): a change there is a change here. {@code OpeningViewTest} checks that each is then a cache
 * hit.
 */
@ApplicationScoped
public class OpeningView {
    private static final Logger LOG = Logger.getLogger(OpeningView.class);
    private static final String LOCK = "analytics:opening-view:";
    private static final SalesFilter ALL_TIME = new SalesFilter(null, null, null, null, null);

    /** One call of the view: its operation, its path and query exactly as the dashboard sends them. */
    record Call(String operation, String path, Map<String, List<String>> query) {
    }

    /** Overview's first: it is the tab the dashboard opens on; the slowest (the screens and the LTV fit) last. */
    static final List<Call> CALLS = List.of(
            new Call("financialSummary", "/api/v1/analytics/financial/summary", Map.of()),
            new Call("financialTimeseries", "/api/v1/analytics/financial/timeseries",
                    Map.of("granularity", List.of("day"))),
            new Call("rfmSegments", "/api/v1/analytics/customers/rfm/segments", Map.of()),
            new Call("rfmCustomers", "/api/v1/analytics/customers/rfm",
                    Map.of("sort", List.of("monetary"), "page", List.of("0"), "size", List.of("25"))),
            new Call("productCombinations", "/api/v1/analytics/products/combinations",
                    Map.of("limit", List.of("20"), "sort", List.of(ProductPairs.LIFT))),
            new Call("topProducts", "/api/v1/analytics/products/top",
                    Map.of("by", List.of("revenue"), "limit", List.of("10"))),
            new Call("productLifecycle", "/api/v1/analytics/products/lifecycle", Map.of("limit", List.of("100"))),
            new Call("cohortRetention", "/api/v1/analytics/cohorts/retention", Map.of("granularity", List.of("month"))),
            new Call("geoStates", "/api/v1/analytics/geo/states", Map.of()),
            new Call("revenueForecast", "/api/v1/analytics/forecast/revenue",
                    Map.of("horizonWeeks", List.of("8"), "model", List.of(ForecastService.AUTO))),
            new Call("orderAnomalies", "/api/v1/analytics/anomalies/orders",
                    Map.of("method", List.of(AnomalyService.ISOLATION_FOREST), "limit", List.of("200"))),
            new Call("orderAnomalies", "/api/v1/analytics/anomalies/orders",
                    Map.of("method", List.of(AnomalyService.ONE_CLASS_SVM), "limit", List.of("200"))),
            new Call("lifetimeValue", "/api/v1/analytics/customers/ltv",
                    Map.of("months", List.of("12"), "page", List.of("0"), "size", List.of("100"))));

    private final SalesMart mart;
    private final AnswerCache cache;
    private final CacheConfig config;
    private final RedisDataSource redis;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final String fingerprint;
    private final List<Supplier<Object>> answers;
    private volatile SalesMart.State done;

    public OpeningView(SalesMart mart, AnswerCache cache, CacheConfig config, RedisDataSource redis, ObjectMapper json,
            MeterRegistry registry, Config settings, AnomalyService anomalies, LtvService ltv, ForecastService forecast,
            RfmService rfm, ProductService products, FinancialService financial, GeoService geo, CohortService cohorts) {
        this.mart = mart;
        this.cache = cache;
        this.config = config;
        this.redis = redis;
        this.json = json;
        this.registry = registry;
        this.fingerprint = HttpCaching.fingerprint(settings);
        // in the order of CALLS, with the parameters written there
        this.answers = List.of(
                () -> financial.summary(ALL_TIME),
                () -> financial.timeseries(ALL_TIME, Granularity.DAY),
                () -> rfm.segments(ALL_TIME, null),
                () -> rfm.customers(ALL_TIME, null, "monetary", 0, 25, null),
                () -> products.combinations(ALL_TIME, BigDecimal.ZERO, null, ProductPairs.LIFT, 20),
                () -> products.top(ALL_TIME, "revenue", 10),
                () -> products.lifecycle(ALL_TIME, 100),
                () -> cohorts.retention(ALL_TIME, Granularity.MONTH),
                () -> geo.states(ALL_TIME),
                () -> forecast.forecast(ALL_TIME, 8, ForecastService.AUTO),
                () -> anomalies.detect(ALL_TIME, 200, AnomalyService.ISOLATION_FOREST, null),
                () -> anomalies.detect(ALL_TIME, 200, AnomalyService.ONE_CLASS_SVM, null),
                () -> ltv.report(ALL_TIME, 12, 0, 100));
        if (answers.size() != CALLS.size()) {
            throw new IllegalStateException("an answer for each call of the opening view");
        }
    }

    @Scheduled(every = "${analytics.cache.opening-view.check-every:5s}", delayed = "${analytics.cache.opening-view.check-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Off.class)
    @ActivateRequestContext
    void check() {
        Optional<SalesMart.State> state = mart.read();
        if (state.isEmpty() || state.get().equals(done)) {
            return;
        }
        if (claim(state.get())) {
            compute(state.get());
        }
        done = state.get();
    }

    /** The data state whose view was last computed here or claimed by another replica; empty before the first. */
    Optional<SalesMart.State> lastDone() {
        return Optional.ofNullable(done);
    }

    /** Whether this replica is the one to compute the view of this data state (false when Redis does not answer). */
    private boolean claim(SalesMart.State state) {
        try {
            var set = redis.execute("SET", LOCK + HttpCaching.key(fingerprint, state, "opening-view"), "1", "NX", "EX",
                    Long.toString(Math.max(1, config.ttl().toSeconds())));
            return set != null && "OK".equals(set.toString());
        } catch (RuntimeException e) {
            LOG.debugf("the opening view is not computed ahead: Redis failed (%s)", e.getMessage());
            return false;
        }
    }

    private void compute(SalesMart.State state) {
        long start = System.nanoTime();
        for (int i = 0; i < CALLS.size(); i++) {
            Call call = CALLS.get(i);
            byte[] body;
            try {
                body = HttpCaching.withDataAsOf(json, json.writeValueAsBytes(answers.get(i).get()), state);
            } catch (ApiException e) {
                LOG.debugf("opening view: %s %s answers %d (%s), not kept", call.path(), call.query(), e.status(),
                        e.getMessage());
                continue;
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.warnf(e, "opening view: %s %s failed; it is computed on its first call", call.path(), call.query());
                continue;
            }
            if (!mart.read().equals(Optional.of(state))) {
                LOG.infof("opening view: the data changed while it was computed; the next check starts over");
                return;
            }
            cache.put(HttpCaching.key(fingerprint, state, HttpCaching.canonical(call.path(), call.query(),
                    MediaType.APPLICATION_JSON, null)), body, call.operation());
            registry.counter("analytics.cache.opening.view", "operation", call.operation()).increment();
        }
        registry.counter("analytics.cache.opening.views").increment();
        LOG.infof("opening view of data version %d computed in %d ms (%d calls)", state.version(),
                (System.nanoTime() - start) / 1_000_000, CALLS.size());
    }

    /** Skips the checks when {@code analytics.cache.opening-view.enabled} or the cache is off. */
    @ApplicationScoped
    static class Off implements Scheduled.SkipPredicate {
        private final CacheConfig config;

        Off(CacheConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.enabled() || !config.openingView().enabled();
        }
    }
}
