package io.ecomanalytics.analytics.export;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.anomaly.AllScores;
import io.ecomanalytics.analytics.anomaly.AnomalyReport;
import io.ecomanalytics.analytics.anomaly.AnomalyService;
import io.ecomanalytics.analytics.ltv.LtvService;
import io.ecomanalytics.analytics.model.FrequencyScoring;
import io.ecomanalytics.analytics.model.RfmSegment;
import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.analytics.repository.RfmRepository;
import io.ecomanalytics.analytics.service.SalesPeriods;
import io.ecomanalytics.exports.model.Export;
import io.ecomanalytics.exports.model.Rows;
import io.ecomanalytics.exports.model.Section;

/**
 * The whole lists of exports, where JSON answers a page: the RFM customer list, the lifetime-value list and the anomaly
 * ranking, every row for the filter, each handed to the writer as it is read (RFM straight from a database cursor, lifetime
 * value and the ranking from their in-memory order, one row object at a time).
 */
@ApplicationScoped
public class WholeLists {
    /** Rows per round trip of the RFM cursor. */
    static final int FETCH_SIZE = 1000;

    private final RfmRepository rfm;
    private final SalesPeriods periods;
    private final LtvService ltv;
    private final AnomalyService anomalies;

    public WholeLists(RfmRepository rfm, SalesPeriods periods, LtvService ltv, AnomalyService anomalies) {
        this.rfm = rfm;
        this.periods = periods;
        this.ltv = ltv;
        this.anomalies = anomalies;
    }

    public Export rfmCustomers(SalesFilter requested, RfmSegment segment, String sort, FrequencyScoring requestedScoring) {
        SalesFilter filter = periods.resolve(requested);
        FrequencyScoring scoring = rfm.scoring(requestedScoring);
        Rows rows = sink -> rfm.streamCustomers(filter, segment, sort, scoring, FETCH_SIZE, c -> sink.row(c.customerKey(),
                c.recency(), c.frequency(), c.monetary(), c.r(), c.f(), c.m(), c.score(), c.segment()));
        return Export.of("RFM customers" + (segment == null ? "" : ": " + segment.apiName()), filter.from(), filter.to(),
                Section.table("customers", "Customers by " + sort, AnalyticsExports.RFM_CUSTOMER, rows).withNote(
                        "Every customer " + (segment == null ? "" : "of the segment ") + "with a sale in the period;"
                                + " recency in days from the day after the period, monetary = revenue; F scored by "
                                + scoring.apiName() + "."));
    }

    public Export lifetimeValue(SalesFilter filter, int months) {
        LtvService.Ranked ranked = ltv.rank(filter, months);
        return AnalyticsExports.ltv(ranked.summary(), sink -> ranked.forEach(c -> sink.row(AnalyticsExports.ltvRow(c))));
    }

    public Export anomalies(SalesFilter range, String method) {
        AllScores.Ranked ranked = anomalies.rankAll(range, method);
        Rows rows = sink -> {
            int[] rank = {0};
            ranked.forEach(o -> {
                Object[] row = new Object[AnalyticsExports.ANOMALY.size()];
                row[0] = ++rank[0];
                row[1] = o.orderId();
                row[2] = o.customerId();
                row[3] = o.orderedAt();
                row[4] = o.score();
                row[5] = o.total();
                for (int k = 0; k < o.standouts().size(); k++) {
                    AnomalyReport.Feature f = o.standouts().get(k);
                    row[6 + 3 * k] = f.name();
                    row[7 + 3 * k] = f.value();
                    row[8 + 3 * k] = f.z();
                }
                sink.row(row);
            });
        };
        return AnalyticsExports.anomalies(ranked.report(), rows);
    }
}
