package io.ecomanalytics.analytics.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ecomanalytics.analytics.cache.CachedAnswer;
import io.ecomanalytics.analytics.model.CohortRetention;
import io.ecomanalytics.analytics.model.Granularity;
import io.ecomanalytics.analytics.service.CohortService;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.exports.jaxrs.ExportParams;
import io.ecomanalytics.exports.model.ExportFormat;
import io.smallrye.common.annotation.Blocking;

/** Acquisition cohorts and their retention. */
@Path("/api/v1/analytics/cohorts")
@Tag(name = "cohorts")
@Produces({MediaType.APPLICATION_JSON, ExportFormat.CSV_TYPE, ExportFormat.XLSX_TYPE, ExportFormat.PDF_TYPE})
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.VIEWER)
@Blocking
public class CohortResource {
    private final CohortService service;

    public CohortResource(CohortService service) {
        this.service = service;
    }

    @CachedAnswer(keepsComputed = false)
    @GET
    @Path("retention")
    @Operation(operationId = "cohortRetention", summary = "Cohorts by month or week of first sale: size,"
            + " customer-retention and revenue-retention matrices")
    @APIResponse(responseCode = "200", description = "One entry per cohort, one cell per later period")
    @APIResponse(responseCode = "400", description = "Unknown parameter, granularity not week/month, bad date, range"
            + " longer than the granularity allows")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "An export (CSV, Excel, PDF) asked for by a viewer")
    public CohortRetention retention(@BeanParam SalesFilterParams filter, @BeanParam ExportParams export,
            @QueryParam(FinancialResource.GRANULARITY) @DefaultValue("MONTH") @Parameter(description = "Width of a cohort"
                    + " and of a retention period", schema = @Schema(enumeration = {"WEEK",
                            "MONTH"})) Granularity granularity) {
        return service.retention(filter.filter(), granularity);
    }
}
