package io.ecomanalytics.analytics.anomaly;

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

import io.ecomanalytics.analytics.rest.QueryParameters;
import io.ecomanalytics.contracts.security.Roles;
import io.smallrye.common.annotation.Blocking;

/** Fraud and anomaly screening of orders. */
@Path("/api/v1/analytics/anomalies")
@Tag(name = "anomalies")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Blocking
public class AnomalyResource {
    private static final String LIMIT = "limit";
    private static final String METHOD = "method";
    private static final int DEFAULT_LIMIT = 50;

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
    @APIResponse(responseCode = "400", description = "A parameter is unknown or invalid; the problem names it")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an analyst")
    public AnomalyReport orders(@Context UriInfo uri) {
        // a category does not apply: an order is screened as a whole
        QueryParameters params = QueryParameters.only(uri, QueryParameters.FROM, QueryParameters.TO, QueryParameters.STATE,
                QueryParameters.REGION, LIMIT, METHOD);
        return service.detect(params.filter(), params.integer(LIMIT, DEFAULT_LIMIT, 1, config.maxLimit()),
                params.oneOf(METHOD, AnomalyService.METHODS, AnomalyService.ISOLATION_FOREST));
    }
}
