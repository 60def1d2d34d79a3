package io.ecomanalytics.analytics.report;

import java.time.LocalDate;
import java.util.Map;

import io.ecomanalytics.analytics.anomaly.AnomalyReport;
import io.ecomanalytics.analytics.forecast.RevenueForecast;
import io.ecomanalytics.analytics.model.CohortRetention;
import io.ecomanalytics.analytics.model.FinancialSummary;
import io.ecomanalytics.analytics.model.FinancialTimeseries;
import io.ecomanalytics.analytics.model.GeoBreakdown;
import io.ecomanalytics.analytics.model.ProductPairs;
import io.ecomanalytics.analytics.model.RfmSegmentSummary;
import io.ecomanalytics.analytics.model.TopProducts;

/**
 * The management report of a period: every analysis a manager reads, composed from the services' own answers. A section whose
 * data is missing is null, with the reason under its name in {@code missing} (e.g. a forecast without enough history).
 */
public record ManagementReport(LocalDate from, LocalDate to, String state, String region, String category,
        FinancialSummary kpis, FinancialTimeseries revenue, CohortRetention cohorts, RfmSegmentSummary segments,
        TopProducts topProducts, ProductPairs pairs, GeoBreakdown regions, GeoBreakdown states, RevenueForecast forecast,
        AnomalyReport anomalies, Map<String, String> missing) {

    /** Section names, as in {@link #missing}. */
    public static final String KPIS = "kpis";
    public static final String REVENUE = "revenue";
    public static final String COHORTS = "cohorts";
    public static final String SEGMENTS = "segments";
    public static final String TOP_PRODUCTS = "topProducts";
    public static final String PAIRS = "pairs";
    public static final String REGIONS = "regions";
    public static final String STATES = "states";
    public static final String FORECAST = "forecast";
    public static final String ANOMALIES = "anomalies";
}
