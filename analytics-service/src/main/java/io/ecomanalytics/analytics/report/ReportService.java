package io.ecomanalytics.analytics.report;

import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.anomaly.AnomalyService;
import io.ecomanalytics.analytics.forecast.ForecastService;
import io.ecomanalytics.analytics.model.Granularity;
import io.ecomanalytics.analytics.model.ProductPairs;
import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.analytics.service.CohortService;
import io.ecomanalytics.analytics.service.FinancialService;
import io.ecomanalytics.analytics.service.GeoService;
import io.ecomanalytics.analytics.service.ProductService;
import io.ecomanalytics.analytics.service.RfmService;
import io.ecomanalytics.analytics.service.SalesPeriods;
import io.ecomanalytics.contracts.problem.ApiException;
import io.quarkus.logging.Log;

/**
 * Composes the management report from the analytics services, each section with the same filter: a section the data cannot
 * answer (a refusal of the service: too little history, too few customers, a statement stopped) is left out with its reason,
 * and the others are still reported.
 */
@ApplicationScoped
public class ReportService {
    /** Weeks forecast in the report. */
    static final int FORECAST_WEEKS = 8;
    /** Products, pairs and anomalous orders listed. */
    static final int TOP = 10;
    /** Up to this many days the revenue chart is weekly, beyond it monthly. */
    static final int WEEKLY_UP_TO_DAYS = 731;

    private final SalesPeriods periods;
    private final FinancialService financial;
    private final CohortService cohorts;
    private final RfmService rfm;
    private final ProductService products;
    private final GeoService geo;
    private final ForecastService forecast;
    private final AnomalyService anomalies;

    public ReportService(SalesPeriods periods, FinancialService financial, CohortService cohorts, RfmService rfm,
            ProductService products, GeoService geo, ForecastService forecast, AnomalyService anomalies) {
        this.periods = periods;
        this.financial = financial;
        this.cohorts = cohorts;
        this.rfm = rfm;
        this.products = products;
        this.geo = geo;
        this.forecast = forecast;
        this.anomalies = anomalies;
    }

    public ManagementReport report(SalesFilter requested) {
        SalesFilter filter = periods.resolve(requested);
        Map<String, String> missing = new LinkedHashMap<>();
        long days = ChronoUnit.DAYS.between(filter.from(), filter.to()) + 1;
        Granularity bucket = days <= WEEKLY_UP_TO_DAYS ? Granularity.WEEK : Granularity.MONTH;
        return new ManagementReport(filter.from(), filter.to(),
                filter.state() == null ? null : filter.state().name(),
                filter.region() == null ? null : filter.region().name(), filter.category(),
                section(ManagementReport.KPIS, missing, () -> financial.summary(filter)),
                section(ManagementReport.REVENUE, missing, () -> financial.timeseries(filter, bucket)),
                section(ManagementReport.COHORTS, missing, () -> cohorts.retention(filter, Granularity.MONTH)),
                section(ManagementReport.SEGMENTS, missing, () -> rfm.segments(filter, null)),
                section(ManagementReport.TOP_PRODUCTS, missing, () -> products.top(filter, "revenue", TOP)),
                section(ManagementReport.PAIRS, missing,
                        () -> products.combinations(filter, BigDecimal.ZERO, null, ProductPairs.ORDERS, TOP)),
                section(ManagementReport.REGIONS, missing, () -> geo.regions(filter)),
                section(ManagementReport.STATES, missing, () -> geo.states(filter)),
                section(ManagementReport.FORECAST, missing,
                        () -> forecast.forecast(filter, FORECAST_WEEKS, ForecastService.AUTO)),
                // with a category: the orders holding an item of it, each screened as a whole
                section(ManagementReport.ANOMALIES, missing,
                        () -> anomalies.detect(filter, TOP, AnomalyService.ISOLATION_FOREST, null)),
                missing);
    }

    private static <T> T section(String name, Map<String, String> missing, Supplier<T> compute) {
        try {
            return compute.get();
        } catch (ApiException e) {
            Log.debugf("report section %s left out: %s", name, e.getMessage());
            missing.put(name, e.getMessage());
            return null;
        }
    }
}
