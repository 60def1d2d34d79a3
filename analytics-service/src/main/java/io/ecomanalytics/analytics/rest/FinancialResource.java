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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ecomanalytics.analytics.cache.CachedAnswer;
import io.ecomanalytics.analytics.model.FinancialSummary;
import io.ecomanalytics.analytics.model.FinancialTimeseries;
import io.ecomanalytics.analytics.model.Granularity;
import io.ecomanalytics.analytics.service.FinancialService;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.exports.jaxrs.ExportParams;
import io.ecomanalytics.exports.model.ExportFormat;
import io.smallrye.common.annotation.Blocking;

/** Financial KPIs: totals with growth, and time series. */
@Path("/api/v1/analytics/financial")
@Tag(name = "financial")
@Produces({MediaType.APPLICATION_JSON, ExportFormat.CSV_TYPE, ExportFormat.XLSX_TYPE, ExportFormat.PDF_TYPE})
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.VIEWER)
@Blocking
public class FinancialResource {
    static final String GRANULARITY = "granularity";

    private final FinancialService service;

    public FinancialResource(FinancialService service) {
        this.service = service;
    }

    @CachedAnswer(keepsComputed = false)
    @GET
    @Path("summary")
    @Operation(operationId = "financialSummary", summary = "Revenue, cost, gross profit, margin, orders, items, average"
            + " ticket and unique customers of a period, with growth against the previous period and the same period a"
            + " year earlier")
    @APIResponse(responseCode = "200", description = "Totals (CSV, Excel or PDF for analysts, by Accept or format)")
    @APIResponse(responseCode = "400", description = "Unknown parameter, bad date, from after to, unknown state/region")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "An export (CSV, Excel, PDF) asked for by a viewer")
    public FinancialSummary summary(@BeanParam SalesFilterParams filter, @BeanParam ExportParams export) {
        return service.summary(filter.filter());
    }

    @CachedAnswer(keepsComputed = false)
    @GET
    @Path("timeseries")
    @Operation(operationId = "financialTimeseries", summary = "The same totals per day, week (ISO, Monday) or month in"
            + " the store zone, every bucket included")
    @APIResponse(responseCode = "200", description = "One point per bucket")
    @APIResponse(responseCode = "400", description = "Unknown parameter or granularity, bad date, from after to, range"
            + " longer than the granularity allows")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "An export (CSV, Excel, PDF) asked for by a viewer")
    public FinancialTimeseries timeseries(@BeanParam SalesFilterParams filter, @BeanParam ExportParams export,
            @QueryParam(GRANULARITY) @DefaultValue("DAY") @Parameter(description = "Width of a bucket") Granularity granularity) {
        return service.timeseries(filter.filter(), granularity);
    }
}
