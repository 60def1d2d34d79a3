package io.ecomanalytics.analytics.ltv;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import io.ecomanalytics.analytics.export.WholeLists;
import io.ecomanalytics.analytics.rest.SalesFilterParams;
import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.exports.jaxrs.ExportParams;
import io.ecomanalytics.exports.jaxrs.ExportRequest;
import io.ecomanalytics.exports.model.ExportFormat;
import io.smallrye.common.annotation.Blocking;

/** Customer lifetime value (BG/NBD + Gamma-Gamma). */
@Path("/api/v1/analytics/customers")
@Tag(name = "lifetime value")
@Produces({MediaType.APPLICATION_JSON, ExportFormat.CSV_TYPE, ExportFormat.XLSX_TYPE, ExportFormat.PDF_TYPE})
@SecurityRequirement(name = "jwt")
@Blocking
public class LtvResource {
    private static final String MONTHS = "months";
    private static final String SIZE = "size";

    private final LtvService service;
    private final LtvConfig config;
    private final ExportRequest exports;
    private final WholeLists wholeLists;

    public LtvResource(LtvService service, LtvConfig config, ExportRequest exports, WholeLists wholeLists) {
        this.service = service;
        this.config = config;
        this.exports = exports;
        this.wholeLists = wholeLists;
    }

    @CachedAnswer
    @GET
    @Path("/ltv")
    @RolesAllowed(Roles.ANALYST)
    @Operation(operationId = "lifetimeValue", summary = "Lifetime value of every customer: model, holdout check, cohorts and a page of customers (analyst)", description = "Fitted on the sales of the filter (dates, state, region, category), a customer being a person as RFM"
            + " counts them; guests (imported invoices without a customer id) are left out and counted.")
    @APIResponse(responseCode = "200", description = "The lifetime-value report; as a file (CSV, Excel, PDF) every customer,"
            + " highest value first, with the model, holdout, cohort and segment sheets", content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LtvReport.class)),
                    @Content(mediaType = ExportFormat.CSV_TYPE), @Content(mediaType = ExportFormat.XLSX_TYPE),
                    @Content(mediaType = ExportFormat.PDF_TYPE)})
    @APIResponse(responseCode = "400", description = "A parameter is unknown or invalid; the problem names it")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an analyst")
    @APIResponse(responseCode = "422", description = "Too few customers to fit the models")
    public Response ltv(@BeanParam SalesFilterParams filter, @BeanParam ExportParams export,
            @QueryParam(MONTHS) @DefaultValue("12") @Min(1) @Parameter(description = "Months ahead the value is counted"
                    + " over, at most ANALYTICS_LTV_MAX_MONTHS (default 120)") int months,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Parameter(description = "Page of the customer list, from 0") int page,
            @QueryParam(SIZE) @DefaultValue("50") @Min(1) @Parameter(description = "Customers per page, at most"
                    + " ANALYTICS_LTV_MAX_PAGE_SIZE (default 500)") int size) {
        checkMonths(months);
        if (size > config.maxPageSize()) {
            throw ApiException.badRequest(SIZE, SIZE + " must be an integer from 1 to " + config.maxPageSize());
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw ApiException.badRequest("page", "page * size must stay below " + Integer.MAX_VALUE);
        }
        if (exports.isExport()) {
            return Response.ok(wholeLists.lifetimeValue(filter.filter(), months)).build();
        }
        return Response.ok(service.report(filter.filter(), months, page, size)).build();
    }

    private void checkMonths(int months) {
        if (months > config.maxMonths()) {
            throw ApiException.badRequest(MONTHS, MONTHS + " must be an integer from 1 to " + config.maxMonths());
        }
    }

    @CachedAnswer
    @GET
    @Path("/{id}/ltv")
    @RolesAllowed(Roles.ANALYST)
    @Operation(operationId = "customerLifetimeValue", summary = "One customer's expected purchases, probability of being alive and lifetime value (analyst)", description = "The person the customer row belongs to, fitted on the whole history.")
    @APIResponse(responseCode = "200", description = "The customer's lifetime value")
    @APIResponse(responseCode = "400", description = "A parameter is unknown or invalid; the problem names it")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an analyst")
    @APIResponse(responseCode = "404", description = "No such customer with a valid order")
    public LtvReport.CustomerLtv customer(@BeanParam ExportParams export,
            @PathParam("id") @Min(1) @Parameter(description = "The customer's number", example = "42") long id,
            @QueryParam(MONTHS) @DefaultValue("12") @Min(1) @Parameter(description = "Months ahead the value is counted"
                    + " over, at most ANALYTICS_LTV_MAX_MONTHS (default 120)") int months) {
        checkMonths(months);
        return service.customer(id, months);
    }
}
