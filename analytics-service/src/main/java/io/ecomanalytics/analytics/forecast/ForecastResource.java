package io.ecomanalytics.analytics.forecast;

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

/** Weekly revenue forecast. */
@Path("/api/v1/analytics/forecast")
@Tag(name = "forecast")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Blocking
public class ForecastResource {
    private static final String HORIZON_WEEKS = "horizonWeeks";
    private static final String MODEL = "model";
    private static final int DEFAULT_HORIZON_WEEKS = 8;

    private final ForecastService service;
    private final ForecastConfig config;

    public ForecastResource(ForecastService service, ForecastConfig config) {
        this.service = service;
        this.config = config;
    }

    @GET
    @Path("/revenue")
    @RolesAllowed(Roles.ANALYST)
    @Operation(summary = "Forecast weekly revenue with prediction intervals and every candidate model's backtest (analyst)")
    @APIResponse(responseCode = "200", description = "The forecast")
    @APIResponse(responseCode = "400", description = "A parameter is unknown or invalid; the problem names it")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an analyst")
    @APIResponse(responseCode = "422", description = "Too little history for the horizon")
    public RevenueForecast revenue(@Context UriInfo uri) {
        QueryParameters params = QueryParameters.of(uri, HORIZON_WEEKS, MODEL);
        return service.forecast(params.filter(),
                params.integer(HORIZON_WEEKS, DEFAULT_HORIZON_WEEKS, 1, config.maxHorizonWeeks()),
                params.oneOf(MODEL, service.modelNames(), ForecastService.AUTO));
    }
}
