package io.ecomanalytics.analytics.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ecomanalytics.analytics.cache.CachedAnswer;
import io.ecomanalytics.analytics.config.AnalyticsConfig;
import io.ecomanalytics.analytics.export.WholeLists;
import io.ecomanalytics.analytics.model.FrequencyScoring;
import io.ecomanalytics.analytics.model.RfmCustomerPage;
import io.ecomanalytics.analytics.model.RfmSegment;
import io.ecomanalytics.analytics.model.RfmSegmentSummary;
import io.ecomanalytics.analytics.service.RfmService;
import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.exports.jaxrs.ExportParams;
import io.ecomanalytics.exports.jaxrs.ExportRequest;
import io.ecomanalytics.exports.model.ExportFormat;
import io.smallrye.common.annotation.Blocking;

/** RFM: per-customer scores and the segment summary. */
@Path("/api/v1/analytics/customers/rfm")
@Tag(name = "customers")
@Produces({MediaType.APPLICATION_JSON, ExportFormat.CSV_TYPE, ExportFormat.XLSX_TYPE, ExportFormat.PDF_TYPE})
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.VIEWER)
@Blocking
public class CustomerResource {
    private static final String SIZE = "size";
    private static final String FREQUENCY_SCORING = "frequencyScoring";
    private static final String FREQUENCY_SCORING_DESCRIPTION = "How F is scored: quintiles of the rank, like R and M, or"
            + " thresholds, fixed order counts for low-repeat stores (ANALYTICS_RFM_FREQUENCY_THRESHOLDS, default 2,3,4,6:"
            + " the fewest orders for F = 2..5); default ANALYTICS_RFM_FREQUENCY_SCORING (quintiles)";

    private final RfmService service;
    private final AnalyticsConfig config;
    private final ExportRequest exports;
    private final WholeLists wholeLists;

    public CustomerResource(RfmService service, AnalyticsConfig config, ExportRequest exports, WholeLists wholeLists) {
        this.service = service;
        this.config = config;
        this.exports = exports;
        this.wholeLists = wholeLists;
    }

    @CachedAnswer(keepsComputed = false)
    @GET
    @Operation(operationId = "rfmCustomers", summary = "Per-customer recency, frequency, monetary, 1-5 scores and"
            + " segment, one page at a time")
    @APIResponse(responseCode = "200", description = "One page of customers and the total matching; as a file (CSV, Excel,"
            + " PDF) every customer of the filter, streamed, in the order of sort", content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RfmCustomerPage.class)),
                    @Content(mediaType = ExportFormat.CSV_TYPE), @Content(mediaType = ExportFormat.XLSX_TYPE),
                    @Content(mediaType = ExportFormat.PDF_TYPE)})
    @APIResponse(responseCode = "400", description = "Unknown parameter, segment or sort; page/size out of range")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "An export (CSV, Excel, PDF) asked for by a viewer")
    public Response customers(@BeanParam SalesFilterParams filter, @BeanParam ExportParams export,
            @QueryParam("segment") @Parameter(description = "Only customers of this segment", schema = @Schema(enumeration = {
                    "champions", "loyal", "potential_loyalist", "new", "promising", "need_attention", "about_to_sleep",
                    "at_risk", "cant_lose", "lost", "hibernating"})) RfmSegment segment,
            @QueryParam("sort") @DefaultValue("monetary") @Parameter(description = "Largest first; customer: by id", schema = @Schema(enumeration = {
                    "monetary", "frequency", "recency", "customer"})) String sort,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Parameter(description = "Page number, from 0") int page,
            @QueryParam(SIZE) @DefaultValue("50") @Min(1) @Parameter(description = "Customers per page, at most"
                    + " ANALYTICS_RFM_MAX_PAGE_SIZE (default 500)") int size,
            @QueryParam(FREQUENCY_SCORING) @Parameter(description = FREQUENCY_SCORING_DESCRIPTION) FrequencyScoring scoring) {
        int maxSize = config.rfm().maxPageSize();
        if (size > maxSize) {
            throw ApiException.badRequest(SIZE, "size must be an integer from 1 to " + maxSize);
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw ApiException.badRequest("page", "page * size must stay below " + Integer.MAX_VALUE);
        }
        if (exports.isExport()) {
            return Response.ok(wholeLists.rfmCustomers(filter.filter(), segment, sort, scoring)).build();
        }
        return Response.ok(service.customers(filter.filter(), segment, sort, page, size, scoring)).build();
    }

    @CachedAnswer(keepsComputed = false)
    @GET
    @Path("segments")
    @Operation(operationId = "rfmSegments", summary = "Per segment: customers, share of customers and revenue, mean"
            + " R/F/M, recommended action; and the revenue share of the top 20% of customers")
    @APIResponse(responseCode = "200", description = "All eleven segments")
    @APIResponse(responseCode = "400", description = "Unknown parameter, bad date, from after to")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "An export (CSV, Excel, PDF) asked for by a viewer")
    public RfmSegmentSummary segments(@BeanParam SalesFilterParams filter, @BeanParam ExportParams export,
            @QueryParam(FREQUENCY_SCORING) @Parameter(description = FREQUENCY_SCORING_DESCRIPTION) FrequencyScoring scoring) {
        return service.segments(filter.filter(), scoring);
    }
}
