package io.ecomanalytics.analytics.rest;

import java.util.Arrays;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ecomanalytics.analytics.config.AnalyticsConfig;
import io.ecomanalytics.analytics.model.RfmCustomerPage;
import io.ecomanalytics.analytics.model.RfmSegment;
import io.ecomanalytics.analytics.model.RfmSegmentSummary;
import io.ecomanalytics.analytics.repository.RfmRepository;
import io.ecomanalytics.analytics.service.RfmService;
import io.ecomanalytics.contracts.security.Roles;
import io.smallrye.common.annotation.Blocking;

/** RFM: per-customer scores and the segment summary. */
@Path("/api/v1/analytics/customers/rfm")
@Tag(name = "customers")
@Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.VIEWER)
@Blocking
public class CustomerResource {
    private static final String SEGMENT = "segment";
    private static final String SORT = "sort";
    private static final String PAGE = "page";
    private static final String SIZE = "size";
    private static final int DEFAULT_SIZE = 50;

    private final RfmService service;
    private final AnalyticsConfig config;

    public CustomerResource(RfmService service, AnalyticsConfig config) {
        this.service = service;
        this.config = config;
    }

    @GET
    @Operation(summary = "Per-customer recency, frequency, monetary, 1-5 scores and segment, paged"
            + " (segment, sort=monetary|frequency|recency|customer, page from 0, size)")
    @APIResponse(responseCode = "200", description = "One page of customers and the total matching")
    @APIResponse(responseCode = "400", description = "Unknown parameter, segment or sort; page/size out of range")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "CSV asked for by a viewer")
    public RfmCustomerPage customers(@Context UriInfo uri) {
        QueryParameters params = QueryParameters.of(uri, SEGMENT, SORT, PAGE, SIZE);
        return service.customers(params.filter(),
                params.choice(SEGMENT, Arrays.asList(RfmSegment.values()), null),
                params.oneOf(SORT, RfmRepository.SORTS.keySet(), "monetary"),
                params.integer(PAGE, 0, 0, Integer.MAX_VALUE / config.rfm().maxPageSize()),
                params.integer(SIZE, Math.min(DEFAULT_SIZE, config.rfm().maxPageSize()), 1,
                        config.rfm().maxPageSize()));
    }

    @GET
    @Path("segments")
    @Operation(summary = "Per segment: customers, share of customers and revenue, mean R/F/M, recommended action;"
            + " and the revenue share of the top 20% of customers")
    @APIResponse(responseCode = "200", description = "All eleven segments")
    @APIResponse(responseCode = "400", description = "Unknown parameter, bad date, from after to")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "CSV asked for by a viewer")
    public RfmSegmentSummary segments(@Context UriInfo uri) {
        return service.segments(QueryParameters.of(uri).filter());
    }
}
