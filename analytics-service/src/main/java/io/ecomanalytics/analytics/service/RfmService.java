package io.ecomanalytics.analytics.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.ecomanalytics.analytics.config.AnalyticsConfig;
import io.ecomanalytics.analytics.model.FrequencyScoring;
import io.ecomanalytics.analytics.model.Ratios;
import io.ecomanalytics.analytics.model.RfmCustomerPage;
import io.ecomanalytics.analytics.model.RfmSegment;
import io.ecomanalytics.analytics.model.RfmSegmentSummary;
import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.analytics.repository.RfmRepository;

/** RFM scores per person, the segment summary with its recommended actions, and the Pareto figure. */
@ApplicationScoped
public class RfmService {
    private final RfmRepository repository;
    private final SalesPeriods periods;
    private final AnalyticsConfig config;

    public RfmService(RfmRepository repository, SalesPeriods periods, AnalyticsConfig config) {
        this.repository = repository;
        this.periods = periods;
        this.config = config;
    }

    public RfmCustomerPage customers(SalesFilter requested, RfmSegment segment, String sort, int page, int size,
            FrequencyScoring requestedScoring) {
        SalesFilter filter = periods.resolve(requested);
        FrequencyScoring scoring = repository.scoring(requestedScoring);
        RfmRepository.Page rows = repository.customers(filter, segment, sort, page, size, scoring);
        return new RfmCustomerPage(filter.from(), filter.to(), segment == null ? null : segment.apiName(),
                scoring.apiName(), page, size, rows.total(), rows.customers());
    }

    /** Every segment in the map's order, empty ones included, so a dashboard always shows all eleven. */
    public RfmSegmentSummary segments(SalesFilter requested, FrequencyScoring requestedScoring) {
        SalesFilter filter = periods.resolve(requested);
        FrequencyScoring scoring = repository.scoring(requestedScoring);
        List<RfmRepository.SegmentRow> rows = repository.segments(filter, scoring);
        RfmRepository.SegmentRow total = rows.stream().filter(r -> r.segment() == null).findFirst().orElseThrow();
        List<RfmSegmentSummary.Segment> segments = new ArrayList<>();
        for (RfmSegment s : RfmSegment.values()) {
            RfmRepository.SegmentRow row = rows.stream().filter(r -> s.apiName().equals(r.segment())).findFirst()
                    .orElse(null);
            segments.add(row == null
                    ? new RfmSegmentSummary.Segment(s.apiName(), 0, Ratios.ratio(0, total.customers()),
                            BigDecimal.ZERO, Ratios.ratio(BigDecimal.ZERO, total.revenue()), null, null, null,
                            action(s))
                    : new RfmSegmentSummary.Segment(s.apiName(), row.customers(),
                            Ratios.ratio(row.customers(), total.customers()), row.revenue(),
                            Ratios.ratio(row.revenue(), total.revenue()), row.meanRecency(), row.meanFrequency(),
                            row.meanMonetary(), action(s)));
        }
        return new RfmSegmentSummary(filter.from(), filter.to(), total.customers(), total.revenue(),
                Ratios.ratio(total.topRevenue(), total.revenue()), scoring.apiName(),
                Ratios.ratio(total.tiedFrequency(), total.customers()),
                2 * total.tiedFrequency() > total.customers(), segments);
    }

    private String action(RfmSegment segment) {
        AnalyticsConfig.Actions a = config.rfm().actions();
        return switch (segment) {
            case CHAMPIONS -> a.champions();
            case LOYAL -> a.loyal();
            case POTENTIAL_LOYALIST -> a.potentialLoyalist();
            case NEW -> a.newCustomers();
            case PROMISING -> a.promising();
            case NEED_ATTENTION -> a.needAttention();
            case ABOUT_TO_SLEEP -> a.aboutToSleep();
            case AT_RISK -> a.atRisk();
            case CANT_LOSE -> a.cantLose();
            case HIBERNATING -> a.hibernating();
            case LOST -> a.lost();
        };
    }
}
