package io.ecomanalytics.analytics.ltv;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ecomanalytics.analytics.rest.QueryParameters;
import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.contracts.security.Roles;
import io.smallrye.common.annotation.Blocking;

/** Customer lifetime value (BG/NBD + Gamma-Gamma). */
@Path("/api/v1/analytics/customers")
@Tag(name = "lifetime value")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Blocking
public class LtvResource {
    private static final String MONTHS = "months";
    private static final String PAGE = "page";
    private static final String SIZE = "size";
    private static final int DEFAULT_MONTHS = 12;
    private static final int DEFAULT_SIZE = 50;

    private final LtvService service;
    private final LtvConfig config;

    public LtvResource(LtvService service, LtvConfig config) {
        this.service = service;
        this.config = config;
    }

    @GET
    @Path("/ltv")
    @RolesAllowed(Roles.ANALYST)
    @Operation(summary = "Lifetime value of every customer: model, holdout check, cohorts and a page of customers (analyst)")
    @APIResponse(responseCode = "200", description = "The lifetime-value report")
    @APIResponse(responseCode = "400", description = "A parameter is unknown or invalid; the problem names it")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an analyst")
    @APIResponse(responseCode = "422", description = "Too few customers to fit the models")
    public LtvReport ltv(@Context UriInfo uri) {
        // the models are fitted on every customer's whole history: no sales filter applies
        QueryParameters params = QueryParameters.only(uri, MONTHS, PAGE, SIZE);
        int size = params.integer(SIZE, Math.min(DEFAULT_SIZE, config.maxPageSize()), 1, config.maxPageSize());
        return service.report(params.integer(MONTHS, DEFAULT_MONTHS, 1, config.maxMonths()),
                params.integer(PAGE, 0, 0, Integer.MAX_VALUE / size), size);
    }

    @GET
    @Path("/{id}/ltv")
    @RolesAllowed(Roles.ANALYST)
    @Operation(summary = "One customer's expected purchases, probability of being alive and lifetime value (analyst)")
    @APIResponse(responseCode = "200", description = "The customer's lifetime value")
    @APIResponse(responseCode = "400", description = "A parameter is unknown or invalid; the problem names it")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an analyst")
    @APIResponse(responseCode = "404", description = "No such customer with a valid order")
    public LtvReport.CustomerLtv customer(@PathParam("id") String id, @Context UriInfo uri) {
        QueryParameters params = QueryParameters.only(uri, MONTHS);
        long customerId;
        try {
            customerId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("id", "id must be a customer number, got '" + id + "'");
        }
        return service.customer(customerId, params.integer(MONTHS, DEFAULT_MONTHS, 1, config.maxMonths()));
    }
}
