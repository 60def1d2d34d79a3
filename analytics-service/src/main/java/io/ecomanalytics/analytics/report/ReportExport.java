package io.ecomanalytics.analytics.report;

import static io.ecomanalytics.exports.model.Column.date;
import static io.ecomanalytics.exports.model.Column.decimal;
import static io.ecomanalytics.exports.model.Column.id;
import static io.ecomanalytics.exports.model.Column.integer;
import static io.ecomanalytics.exports.model.Column.money;
import static io.ecomanalytics.exports.model.Column.ratio;
import static io.ecomanalytics.exports.model.Column.text;
import static io.ecomanalytics.exports.model.Column.timestamp;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.anomaly.AnomalyReport;
import io.ecomanalytics.analytics.export.AnalyticsExports;
import io.ecomanalytics.analytics.model.FinancialMetrics;
import io.ecomanalytics.analytics.model.FinancialSummary;
import io.ecomanalytics.analytics.model.Granularity;
import io.ecomanalytics.exports.model.Export;
import io.ecomanalytics.exports.model.ExportMapper;
import io.ecomanalytics.exports.model.Rows;
import io.ecomanalytics.exports.model.Section;

/**
 * The management report as a document: one section (a PDF section, an Excel sheet) per analysis, charts above their tables in
 * PDF, and a note in place of each section whose data is missing.
 */
@ApplicationScoped
public class ReportExport implements ExportMapper {

    @Override
    public Export toExport(Object entity, java.lang.reflect.Type type) {
        return entity instanceof ManagementReport report ? export(report) : null;
    }

    static Export export(ManagementReport r) {
        List<Section> sections = new ArrayList<>();
        sections.add(r.kpis() == null ? missing(r, ManagementReport.KPIS, "Key figures") : kpis(r.kpis()));
        sections.add(r.revenue() == null
                ? missing(r, ManagementReport.REVENUE, "Revenue")
                : Section.table("revenue", "Revenue per " + r.revenue().granularity().unit(),
                        List.of(date("period"), money("revenue"), integer("orders"), ratio("revenueGrowth")),
                        Rows.of(r.revenue().points(), p -> Arrays.asList(p.period(), p.metrics().revenue(),
                                p.metrics().orders(), p.revenueGrowth())))
                        .withChart(ReportCharts.revenue(r.revenue())).chartOnlyInPdf());
        sections.add(r.cohorts() == null
                ? missing(r, ManagementReport.COHORTS, "Cohorts")
                : r.cohorts().cohorts().isEmpty()
                        ? Section.note("cohorts", "Cohorts", "No customer made a first purchase in the period.")
                        : AnalyticsExports.matrix(r.cohorts(), "cohorts", true)
                                .withChart(ReportCharts.cohortHeatmap(r.cohorts())).chartOnlyInPdf());
        sections.add(r.segments() == null
                ? missing(r, ManagementReport.SEGMENTS, "RFM segments")
                : AnalyticsExports.segmentTable(r.segments()).withNote(r.segments().customers() + " customers; the top 20%"
                        + " bring " + percent(r.segments().topCustomersRevenueShare()) + " of the revenue."));
        sections.add(r.topProducts() == null
                ? missing(r, ManagementReport.TOP_PRODUCTS, "Top products")
                : AnalyticsExports.topTable(r.topProducts()));
        sections.add(r.pairs() == null
                ? missing(r, ManagementReport.PAIRS, "Products bought together")
                : AnalyticsExports.pairTable(r.pairs()));
        sections.add(r.regions() == null
                ? missing(r, ManagementReport.REGIONS, "Regions")
                : AnalyticsExports.geoTable(r.regions()).withChart(ReportCharts.regions(r.regions())));
        sections.add(r.states() == null
                ? missing(r, ManagementReport.STATES, "States")
                : AnalyticsExports.geoTable(r.states()));
        if (r.forecast() == null) {
            sections.add(missing(r, ManagementReport.FORECAST, "Revenue forecast"));
        } else {
            sections.add(AnalyticsExports.forecastTable(r.forecast()).withChart(ReportCharts.forecast(r.forecast(),
                    r.revenue() != null && r.revenue().granularity() == Granularity.WEEK ? r.revenue() : null)));
            sections.add(AnalyticsExports.backtestTable(r.forecast()));
        }
        sections.add(r.anomalies() == null
                ? missing(r, ManagementReport.ANOMALIES, "Anomalous orders")
                : anomalies(r.anomalies()));
        String filter = (r.state() == null ? "" : " · state " + r.state())
                + (r.region() == null ? "" : " · region " + r.region())
                + (r.category() == null ? "" : " · category " + r.category());
        return new Export("Management report" + filter, r.from(), r.to(), sections);
    }

    private static Section missing(ManagementReport r, String name, String title) {
        return Section.note(name, title, "Not available for this period and filter: " + r.missing().get(name));
    }

    private static String percent(BigDecimal ratio) {
        return ratio == null ? "n/a" : ratio.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    /** Each key figure with the previous period and the same period a year earlier, and the growth against each. */
    private static Section kpis(FinancialSummary s) {
        List<Object[]> rows = new ArrayList<>();
        kpi(rows, s, "revenue", FinancialMetrics::revenue, true);
        kpi(rows, s, "orders", m -> BigDecimal.valueOf(m.orders()), false);
        kpi(rows, s, "average ticket", FinancialMetrics::averageTicket, true);
        kpi(rows, s, "unique customers", m -> BigDecimal.valueOf(m.uniqueCustomers()), false);
        kpi(rows, s, "gross profit", FinancialMetrics::grossProfit, true);
        kpi(rows, s, "margin", FinancialMetrics::margin, false);
        return Section.table("kpis", "Key figures", List.of(text("figure"), decimal("period"), decimal("previousPeriod"),
                ratio("growthVsPrevious"), decimal("samePeriodLastYear"), ratio("growthVsLastYear")),
                Rows.ofArrays(rows.toArray(Object[][]::new)))
                .withNote("Previous period " + s.previousPeriod().from() + " to " + s.previousPeriod().to()
                        + "; a year earlier " + s.samePeriodLastYear().from() + " to " + s.samePeriodLastYear().to()
                        + ". Growth is the relative change; margin is a fraction of the revenue with a known cost.");
    }

    private static void kpi(List<Object[]> rows, FinancialSummary s, String name,
            Function<FinancialMetrics, BigDecimal> figure, boolean money) {
        BigDecimal now = figure.apply(s.current());
        BigDecimal before = figure.apply(s.previousPeriod().metrics());
        BigDecimal lastYear = figure.apply(s.samePeriodLastYear().metrics());
        rows.add(new Object[]{name, now, before, growth(now, before), lastYear, growth(now, lastYear)});
    }

    private static BigDecimal growth(BigDecimal now, BigDecimal then) {
        return io.ecomanalytics.analytics.model.Ratios.growth(now, then);
    }

    private static Section anomalies(AnomalyReport a) {
        return Section.table("anomalies", "Most anomalous orders (" + a.method() + ")", List.of(id("orderId"),
                id("customerId"), timestamp("orderedAt"), decimal("score"), money("total"), text("standouts")),
                Rows.of(a.orders(), o -> Arrays.asList(o.orderId(), o.customerId(), o.orderedAt(), o.score(), o.total(),
                        String.join(", ", o.standouts().stream().map(f -> f.name() + " (z " + f.z() + ")").toList()))))
                .withNote(a.ordersScored() + " orders scored" + (a.evaluation() == null
                        ? ""
                        : "; against the planted fraud: ROC-AUC " + a.evaluation().rocAuc() + ", average precision "
                                + a.evaluation().averagePrecision())
                        + ".");
    }
}
