package io.ecomanalytics.analytics.export;

import static io.ecomanalytics.exports.model.Column.date;
import static io.ecomanalytics.exports.model.Column.decimal;
import static io.ecomanalytics.exports.model.Column.id;
import static io.ecomanalytics.exports.model.Column.integer;
import static io.ecomanalytics.exports.model.Column.money;
import static io.ecomanalytics.exports.model.Column.percent;
import static io.ecomanalytics.exports.model.Column.ratio;
import static io.ecomanalytics.exports.model.Column.text;
import static io.ecomanalytics.exports.model.Column.timestamp;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.anomaly.AnomalyReport;
import io.ecomanalytics.analytics.forecast.RevenueForecast;
import io.ecomanalytics.analytics.ltv.LtvReport;
import io.ecomanalytics.analytics.model.CohortRetention;
import io.ecomanalytics.analytics.model.FinancialMetrics;
import io.ecomanalytics.analytics.model.FinancialSummary;
import io.ecomanalytics.analytics.model.FinancialTimeseries;
import io.ecomanalytics.analytics.model.GeoBreakdown;
import io.ecomanalytics.analytics.model.ProductLifecycle;
import io.ecomanalytics.analytics.model.ProductPairs;
import io.ecomanalytics.analytics.model.RfmCustomerPage;
import io.ecomanalytics.analytics.model.RfmSegmentSummary;
import io.ecomanalytics.analytics.model.TopProducts;
import io.ecomanalytics.analytics.rest.InfoResource;
import io.ecomanalytics.exports.model.Column;
import io.ecomanalytics.exports.model.Export;
import io.ecomanalytics.exports.model.ExportMapper;
import io.ecomanalytics.exports.model.Rows;
import io.ecomanalytics.exports.model.Section;

/**
 * The tables of every analytics answer, for CSV, Excel and PDF. The first section of each is the flat table CSV writes (the
 * same columns as the JSON fields; CSV files of the descriptive endpoints keep the columns they always had); nested answers add
 * sheets: a cohort matrix its sizes and both retention matrices, a forecast its model and backtest, an anomaly ranking its
 * evaluation, lifetime value its model, holdout, cohorts and segments.
 */
@ApplicationScoped
public class AnalyticsExports implements ExportMapper {
    static final List<Column> METRICS = List.of(money("revenue"), money("cost"), money("grossProfit"), ratio("margin"),
            money("revenueWithKnownCost"), ratio("knownCostShare"), integer("orders"), integer("items"),
            money("averageTicket"), integer("uniqueCustomers"));

    @Override
    public Export toExport(Object entity, java.lang.reflect.Type type) {
        if (entity instanceof FinancialSummary s) {
            return summary(s);
        }
        if (entity instanceof FinancialTimeseries t) {
            return timeseries(t);
        }
        if (entity instanceof CohortRetention c) {
            return cohorts(c);
        }
        if (entity instanceof RfmCustomerPage p) {
            return rfmPage(p);
        }
        if (entity instanceof RfmSegmentSummary s) {
            return segments(s);
        }
        if (entity instanceof TopProducts t) {
            return top(t);
        }
        if (entity instanceof ProductLifecycle l) {
            return lifecycle(l);
        }
        if (entity instanceof ProductPairs p) {
            return pairs(p);
        }
        if (entity instanceof GeoBreakdown g) {
            return geo(g);
        }
        if (entity instanceof RevenueForecast f) {
            return forecast(f);
        }
        if (entity instanceof AnomalyReport a) {
            return anomalies(a, null);
        }
        if (entity instanceof LtvReport l) {
            return ltv(l, null);
        }
        if (entity instanceof LtvReport.CustomerLtv c) {
            return Export.of("Customer lifetime value", null, null, customerLtv(List.of(c)));
        }
        if (entity instanceof InfoResource.Info i) {
            return info(i);
        }
        return null;
    }

    static List<Object> metrics(FinancialMetrics m) {
        return Arrays.asList(m.revenue(), m.cost(), m.grossProfit(), m.margin(), m.revenueWithKnownCost(),
                m.knownCostShare(), m.orders(), m.items(), m.averageTicket(), m.uniqueCustomers());
    }

    private static List<Column> columns(List<Column> first, List<Column> more) {
        List<Column> all = new ArrayList<>(first);
        all.addAll(more);
        return all;
    }

    private static List<Object> cells(List<Object> first, List<Object> more) {
        List<Object> all = new ArrayList<>(first);
        all.addAll(more);
        return all;
    }

    static Export summary(FinancialSummary s) {
        List<List<Object>> totals = List.of(
                cells(Arrays.asList("current", s.from(), s.to()), metrics(s.current())),
                cells(Arrays.asList("previousPeriod", s.previousPeriod().from(), s.previousPeriod().to()),
                        metrics(s.previousPeriod().metrics())),
                cells(Arrays.asList("samePeriodLastYear", s.samePeriodLastYear().from(), s.samePeriodLastYear().to()),
                        metrics(s.samePeriodLastYear().metrics())));
        return Export.of("Financial summary", s.from(), s.to(),
                Section.table("summary", "Totals", columns(List.of(text("period"), date("from"), date("to")), METRICS),
                        Rows.of(totals)),
                growth(s));
    }

    public static Section growth(FinancialSummary s) {
        List<Column> columns = List.of(text("against"), date("from"), date("to"), ratio("revenueGrowth"),
                ratio("ordersGrowth"), ratio("grossProfitGrowth"), ratio("averageTicketGrowth"),
                ratio("uniqueCustomersGrowth"));
        return Section.table("growth", "Growth of the period", columns, Rows.of(List.of(s.previousPeriod(),
                s.samePeriodLastYear()),
                c -> Arrays.asList(c == s.previousPeriod()
                        ? "previousPeriod"
                        : "samePeriodLastYear", c.from(), c.to(), c.revenueGrowth(), c.ordersGrowth(),
                        c.grossProfitGrowth(), c.averageTicketGrowth(), c.uniqueCustomersGrowth())))
                .withNote("Relative change of the period against each comparison period (a fraction; empty where the"
                        + " comparison period had none).")
                .notInCsv();
    }

    private static Export timeseries(FinancialTimeseries t) {
        return Export.of("Financial time series by " + t.granularity().unit(), t.from(), t.to(), Section.table(
                "timeseries", "Totals per " + t.granularity().unit(),
                columns(columns(List.of(date("period")), METRICS), List.of(ratio("revenueGrowth"))),
                Rows.of(t.points(), p -> cells(cells(List.of(p.period()), metrics(p.metrics())),
                        Arrays.asList(p.revenueGrowth())))));
    }

    static Export cohorts(CohortRetention c) {
        Section cells = Section.table("cells", "Cohort cells",
                List.of(date("cohort"), integer("cohortSize"), integer("period"), integer("customers"),
                        ratio("customerRetention"), money("revenue"), ratio("revenueRetention")),
                sink -> c.cohorts().forEach(cohort -> cohort.periods().forEach(cell -> sink.row(cohort.cohort(),
                        cohort.size(), cell.period(), cell.customers(), cell.customerRetention(), cell.revenue(),
                        cell.revenueRetention()))));
        Section sizes = Section.table("sizes", "Cohort sizes",
                List.of(date("cohort"), integer("size"), money("initialRevenue")),
                Rows.of(c.cohorts(), k -> Arrays.asList(k.cohort(), k.size(), k.initialRevenue()))).notInCsv();
        return Export.of("Cohort retention by " + c.granularity().unit(), c.from(), c.to(), cells, sizes,
                matrix(c, "customer retention", true), matrix(c, "revenue retention", false));
    }

    /** One row per cohort, one column per period after acquisition. */
    public static Section matrix(CohortRetention c, String name, boolean customers) {
        int periods = c.cohorts().stream().mapToInt(k -> k.periods().size()).max().orElse(0);
        List<Column> columns = new ArrayList<>(List.of(date("cohort"),
                customers ? integer("size") : money("initialRevenue")));
        for (int p = 0; p < periods; p++) {
            columns.add(ratio("p" + p));
        }
        return Section.table(name, "Cohorts: " + name + " by period", columns, sink -> c.cohorts().forEach(k -> {
            Object[] row = new Object[columns.size()];
            row[0] = k.cohort();
            row[1] = customers ? k.size() : k.initialRevenue();
            k.periods().forEach(cell -> row[2 + cell.period()] = customers
                    ? cell.customerRetention()
                    : cell.revenueRetention());
            sink.row(row);
        })).withNote("Share of period 0 (" + (customers ? "customers" : "revenue") + ") in each later " + c
                .granularity().unit() + ".").notInCsv();
    }

    static final List<Column> RFM_CUSTOMER = List.of(text("customerKey"), integer("recency"), integer("frequency"),
            money("monetary"), integer("r"), integer("f"), integer("m"), text("score"), text("segment"));

    private static Export rfmPage(RfmCustomerPage p) {
        return Export.of("RFM customers", p.from(), p.to(), Section.table("customers", "Customers", RFM_CUSTOMER,
                Rows.of(p.customers(), c -> Arrays.asList(c.customerKey(), c.recency(), c.frequency(), c.monetary(),
                        c.r(), c.f(), c.m(), c.score(), c.segment()))));
    }

    public static Section segmentTable(RfmSegmentSummary s) {
        return Section.table("segments", "RFM segments", List.of(text("segment"), integer("customers"),
                ratio("customerShare"), money("revenue"), ratio("revenueShare"), decimal("meanRecency"),
                decimal("meanFrequency"), money("meanMonetary"), text("action")),
                Rows.of(s.segments(), g -> Arrays.asList(g.segment(), g.customers(), g.customerShare(), g.revenue(),
                        g.revenueShare(), g.meanRecency(), g.meanFrequency(), g.meanMonetary(), g.action())));
    }

    private static Export segments(RfmSegmentSummary s) {
        Section totals = Section.table("totals", "All customers", List.of(integer("customers"), money("revenue"),
                ratio("topCustomersRevenueShare")),
                Rows.ofArrays(new Object[]{s.customers(), s.revenue(), s.topCustomersRevenueShare()}))
                .withNote("topCustomersRevenueShare: revenue share of the top 20% of customers by revenue.").notInCsv();
        return Export.of("RFM segments", s.from(), s.to(), segmentTable(s), totals);
    }

    public static Section topTable(TopProducts t) {
        return Section.table("products", "Top products by " + t.by(), List.of(id("productId"), text("externalId"),
                text("name"), text("category"), integer("quantity"), money("revenue"), money("profit"),
                integer("orders")),
                Rows.of(t.products(), p -> Arrays.asList(p.productId(), p.externalId(), p.name(), p.category(),
                        p.quantity(), p.revenue(), p.profit(), p.orders())));
    }

    private static Export top(TopProducts t) {
        return Export.of("Top products by " + t.by(), t.from(), t.to(), topTable(t));
    }

    private static Export lifecycle(ProductLifecycle l) {
        Section products = Section.table("products", "Products", List.of(id("productId"), text("externalId"),
                text("name"), date("firstSaleDay"), date("lastSaleDay"), integer("quantity"), integer("recentQuantity"),
                integer("previousQuantity"), integer("storeRecentQuantity"), integer("storePreviousQuantity"),
                text("stage"), text("recordedStage")),
                Rows.of(l.products(), p -> Arrays.asList(p.productId(), p.externalId(), p.name(), p.firstSaleDay(),
                        p.lastSaleDay(), p.quantity(), p.recentQuantity(), p.previousQuantity(), p.storeRecentQuantity(),
                        p.storePreviousQuantity(), p.stage(), p.recordedStage())));
        Section stages = Section.table("stages", "Products per stage", List.of(text("stage"), integer("products")),
                sink -> l.stages().forEach((stage, count) -> sink.row(stage, count))).notInCsv();
        Section agreement = Section.table("agreement", "Agreement with recorded stages", List.of(integer("compared"),
                integer("agreed"), ratio("rate")),
                Rows.ofArrays(new Object[]{l.agreement().compared(), l.agreement().agreed(), l.agreement().rate()}))
                .notInCsv();
        return Export.of("Product lifecycle", l.from(), l.to(), products, stages, agreement);
    }

    public static Section pairTable(ProductPairs p) {
        return Section.table("pairs", "Products bought together", List.of(id("productA"), text("nameA"),
                id("productB"), text("nameB"), integer("orders"), integer("ordersWithA"), integer("ordersWithB"),
                ratio("support"), ratio("confidenceAtoB"), ratio("confidenceBtoA"), decimal("lift")),
                Rows.of(p.pairs(), x -> Arrays.asList(x.productA(), x.nameA(), x.productB(), x.nameB(), x.orders(),
                        x.ordersWithA(), x.ordersWithB(), x.support(), x.confidenceAtoB(), x.confidenceBtoA(),
                        x.lift())));
    }

    private static Export pairs(ProductPairs p) {
        return Export.of("Product combinations", p.from(), p.to(), pairTable(p).withNote(
                p.orders() + " orders with items in scope; pairs with support of at least " + p.minSupport() + "."));
    }

    public static Section geoTable(GeoBreakdown g) {
        return Section.table(g.level(), "Sales by " + g.level(), List.of(text("region"), text("state"),
                money("revenue"), integer("orders"), integer("customers"), money("averageTicket"), ratio("revenueShare"),
                ratio("orderShare")),
                Rows.of(g.areas(), a -> Arrays.asList(a.region(), a.state(), a.revenue(), a.orders(), a.customers(),
                        a.averageTicket(), a.revenueShare(), a.orderShare())));
    }

    private static Export geo(GeoBreakdown g) {
        return Export.of("Sales by " + g.level(), g.from(), g.to(), geoTable(g));
    }

    public static Section forecastTable(RevenueForecast f) {
        return Section.table("forecast", "Weekly revenue forecast (" + f.model() + ")", List.of(date("weekStart"),
                money("revenue"), money("lower80"), money("upper80"), money("lower95"), money("upper95")),
                Rows.of(f.forecast(), w -> Arrays.asList(w.weekStart(), w.revenue(), w.lower80(), w.upper80(),
                        w.lower95(), w.upper95())))
                .withNote("Model " + f.model() + (f.variant() == null ? "" : " (" + f.variant() + ")") + ", requested "
                        + f.requestedModel() + "; 80% and 95% prediction intervals (" + f.intervalMethod() + ").");
    }

    public static Section backtestTable(RevenueForecast f) {
        return Section.table("backtest", "Backtest of every candidate", List.of(text("model"), integer("origins"),
                percent("mape"), percent("smape"), decimal("mase"), ratio("coverage80"), ratio("coverage95"),
                text("variant"), text("leftOut")),
                Rows.of(f.candidates(), c -> Arrays.asList(c.model(), c.origins(), c.mape(), c.smape(), c.mase(),
                        c.coverage80(), c.coverage95(), c.variant(), c.leftOut())))
                .withNote("Rolling-origin backtest of each model as it forecasts this history: MAPE and sMAPE in percent,"
                        + " MASE against seasonal naive, the share of weeks inside the 80% and 95% intervals; the lowest"
                        + " error wins when the model is auto, among the models with an origin.")
                .notInCsv();
    }

    private static Export forecast(RevenueForecast f) {
        List<Object[]> model = new ArrayList<>();
        model.add(new Object[]{"model", f.model()});
        model.add(new Object[]{"requestedModel", f.requestedModel()});
        model.add(new Object[]{"variant", f.variant()});
        model.add(new Object[]{"horizonWeeks", String.valueOf(f.horizonWeeks())});
        model.add(new Object[]{"historyWeeks", String.valueOf(f.history().weeks())});
        model.add(new Object[]{"firstWeek", String.valueOf(f.history().firstWeek())});
        model.add(new Object[]{"lastWeek", String.valueOf(f.history().lastWeek())});
        model.add(new Object[]{"intervalMethod", f.intervalMethod()});
        for (Map.Entry<String, Double> p : f.parameters().entrySet()) {
            model.add(new Object[]{p.getKey(), String.valueOf(p.getValue())});
        }
        return Export.of("Revenue forecast", f.history().firstWeek(), f.history().lastWeek(), forecastTable(f),
                backtestTable(f), Section.table("model", "Model", List.of(text("name"), text("value")),
                        Rows.ofArrays(model.toArray(Object[][]::new))).notInCsv());
    }

    static final List<Column> ANOMALY = List.of(integer("rank"), id("orderId"), id("customerId"),
            timestamp("orderedAt"), decimal("score"), money("total"), text("standout1"), decimal("value1"), decimal("z1"),
            text("standout2"), decimal("value2"), decimal("z2"), text("standout3"), decimal("value3"), decimal("z3"));

    /** The ranking (the report's orders, or every scored order from {@code whole}) and the evaluation. */
    public static Export anomalies(AnomalyReport a, Rows whole) {
        Rows ranking = whole != null ? whole : sink -> {
            int rank = 0;
            for (AnomalyReport.AnomalousOrder o : a.orders()) {
                Object[] row = new Object[ANOMALY.size()];
                row[0] = ++rank;
                row[1] = o.orderId();
                row[2] = o.customerId();
                row[3] = o.orderedAt();
                row[4] = o.score();
                row[5] = o.total();
                for (int k = 0; k < o.standouts().size() && k < 3; k++) {
                    row[6 + 3 * k] = o.standouts().get(k).name();
                    row[7 + 3 * k] = o.standouts().get(k).value();
                    row[8 + 3 * k] = o.standouts().get(k).z();
                }
                sink.row(row);
            }
        };
        return Export.of("Order anomalies (" + a.method() + ")", null, null,
                Section.table("ranking", "Orders by anomaly score", ANOMALY, ranking).withNote(
                        "Most anomalous first; standouts: the features furthest from usual (z-scores)."),
                evaluation(a));
    }

    public static Section evaluation(AnomalyReport a) {
        AnomalyReport.Evaluation e = a.evaluation();
        return Section.table("evaluation", "Evaluation", List.of(text("method"), integer("ordersScored"),
                integer("trainingOrders"), integer("labelledFraud"), decimal("rocAuc"), decimal("averagePrecision"),
                ratio("prevalence"), integer("trainingMillis"), integer("scoringMillis")),
                Rows.ofArrays(new Object[]{a.method(), a.ordersScored(), a.trainingOrders(),
                        e == null ? null : e.labelledFraud(), e == null ? null : e.rocAuc(),
                        e == null ? null : e.averagePrecision(), e == null ? null : e.prevalence(),
                        a.timings().trainingMillis(), a.timings().scoringMillis()}))
                .withNote(e == null
                        ? "No evaluation: the scored orders are not both labelled and unlabelled as fraud."
                        : "Against the simulator's planted fraud labels.")
                .notInCsv();
    }

    static final List<Column> LTV_CUSTOMER = List.of(id("customerId"), text("cohort"), integer("repeatPurchases"),
            decimal("recencyWeeks"), decimal("ageWeeks"), money("averageRepeatSpend"), decimal("probabilityAlive"),
            decimal("expectedPurchases"), money("expectedSpendPerPurchase"), money("clv"));

    static Object[] ltvRow(LtvReport.CustomerLtv c) {
        return new Object[]{c.customerId(), c.cohort(), c.repeatPurchases(), c.recencyWeeks(), c.ageWeeks(),
                c.averageRepeatSpend(), c.probabilityAlive(), c.expectedPurchases(), c.expectedSpendPerPurchase(),
                c.clv()};
    }

    private static Section customerLtv(List<LtvReport.CustomerLtv> customers) {
        return Section.table("customers", "Customers by lifetime value", LTV_CUSTOMER,
                sink -> customers.forEach(c -> sink.row(ltvRow(c))));
    }

    /** The lifetime-value report: the customers (its page, or every customer from {@code whole}) and the model's sheets. */
    public static Export ltv(LtvReport l, Rows whole) {
        LtvReport.Parameters p = l.parameters();
        Section customers = whole == null
                ? customerLtv(l.rows())
                : Section.table("customers", "Customers by lifetime value", LTV_CUSTOMER, whole);
        Section model = Section.table("model", "Model (BG/NBD + Gamma-Gamma)", List.of(integer("months"),
                decimal("monthlyDiscountRate"), integer("customers"), integer("customersFitted"),
                integer("customersBeforeHistory"), decimal("r"), decimal("alpha"), decimal("a"), decimal("b"), decimal("p"),
                decimal("q"), decimal("gamma"), decimal("expectedPurchases"), money("clv"), integer("guests")),
                // nobody in scope: no model was fitted, so its cells are empty
                Rows.ofArrays(p == null
                        ? new Object[]{l.months(), l.monthlyDiscountRate(), l.customers(), 0, 0, null, null, null, null,
                                null, null, null, l.totals().expectedPurchases(), l.totals().clv(), l.guests()}
                        : new Object[]{l.months(), l.monthlyDiscountRate(), l.customers(), p.customersFitted(),
                                p.customersBeforeHistory(), p.r(), p.alpha(), p.a(), p.b(), p.p(), p.q(), p.gamma(),
                                l.totals().expectedPurchases(), l.totals().clv(), l.guests()}))
                .notInCsv();
        LtvReport.Holdout h = l.holdout();
        Section holdout = Section.table("holdout", "Holdout check", List.of(timestamp("cutoff"), integer("weeks"),
                integer("customers"), decimal("predictedPurchases"), integer("actualPurchases"), ratio("relativeError")),
                h == null
                        ? Rows.ofArrays()
                        : Rows.ofArrays(new Object[]{h.cutoff(), h.weeks(), h.customers(),
                                h.predictedPurchases(), h.actualPurchases(), h.relativeError()}))
                .withNote("The model fitted up to the cut-off predicts each customer's purchases in the weeks after it.")
                .notInCsv();
        Section cohorts = Section.table("cohorts", "By acquisition cohort", List.of(text("cohort"), integer("customers"),
                decimal("expectedPurchases"), decimal("meanProbabilityAlive"), money("clv")),
                Rows.of(l.cohorts(), c -> Arrays.asList(c.cohort(), c.customers(), c.expectedPurchases(),
                        c.meanProbabilityAlive(), c.clv())))
                .notInCsv();
        Section segments = Section.table("segments", "By RFM segment", List.of(text("segment"), integer("customers"),
                money("meanClv"), money("totalClv"), decimal("meanProbabilityAlive")),
                Rows.of(l.segments(), s -> Arrays.asList(s.segment(), s.customers(), s.meanClv(), s.totalClv(),
                        s.meanProbabilityAlive())))
                .notInCsv();
        return Export.of("Customer lifetime value over " + l.months() + " months", null, null, customers, model, holdout,
                cohorts, segments);
    }

    private static Export info(InfoResource.Info i) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[]{"service", i.service()});
        rows.add(new Object[]{"caller", String.valueOf(i.caller())});
        rows.add(new Object[]{"orders", String.valueOf(i.data().orders())});
        rows.add(new Object[]{"firstOrderAt", String.valueOf(i.data().firstOrderAt())});
        rows.add(new Object[]{"lastOrderAt", String.valueOf(i.data().lastOrderAt())});
        LocalDate none = null;
        return Export.of("Analytics service", none, none, Section.table("info", "Service and data coverage",
                List.of(text("name"), text("value")), Rows.ofArrays(rows.toArray(Object[][]::new))));
    }
}
