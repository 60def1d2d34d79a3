package io.ecomanalytics.analytics.anomaly;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ecomanalytics.analytics.forecast.SalesFilter;
import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.contracts.security.Roles;
import io.smallrye.common.annotation.Blocking;

/** Fraud and anomaly screening of orders. */
@Path("/api/v1/analytics/anomalies")
@Tag(name = "anomalies")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Blocking
public class AnomalyResource {
    private final AnomalyService service;
    private final AnomalyConfig config;

    public AnomalyResource(AnomalyService service, AnomalyConfig config) {
        this.service = service;
        this.config = config;
    }

    @GET
    @Path("/orders")
    @RolesAllowed(Roles.ANALYST)
    @Operation(summary = "Orders ranked by anomaly score, each with the features that made it stand out (analyst)")
    @APIResponse(responseCode = "200", description = "The most anomalous orders and the model's evaluation")
    @APIResponse(responseCode = "400", description = "A parameter is invalid; the problem names it")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an analyst")
    public AnomalyReport orders(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("50") String limit,
            @QueryParam("method") @DefaultValue(AnomalyService.ISOLATION_FOREST) String method) {
        int parsedLimit = SalesFilter.wholeNumber("limit", limit, 1, config.maxLimit());
        if (!AnomalyService.METHODS.contains(method)) {
            throw ApiException.badRequest("method", "method must be one of " + AnomalyService.METHODS + ", got '"
                    + method + "'");
        }
        return service.detect(SalesFilter.dates(from, to), parsedLimit, method);
    }
}
