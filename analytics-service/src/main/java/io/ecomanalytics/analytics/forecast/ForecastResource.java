package io.ecomanalytics.analytics.forecast;

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

import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.contracts.security.Roles;
import io.smallrye.common.annotation.Blocking;

/** Weekly revenue forecast. */
@Path("/api/v1/analytics/forecast")
@Tag(name = "forecast")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Blocking
public class ForecastResource {
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
    @APIResponse(responseCode = "400", description = "A parameter is invalid; the problem names it")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an analyst")
    @APIResponse(responseCode = "422", description = "Too little history for the horizon")
    public RevenueForecast revenue(@QueryParam("horizonWeeks") @DefaultValue("8") String horizonWeeks,
            @QueryParam("model") @DefaultValue(ForecastService.AUTO) String model, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("state") String state, @QueryParam("region") String region,
            @QueryParam("category") String category) {
        int horizon = SalesFilter.wholeNumber("horizonWeeks", horizonWeeks, 1, config.maxHorizonWeeks());
        if (!service.modelNames().contains(model)) {
            throw ApiException.badRequest("model", "model must be one of " + service.modelNames() + ", got '" + model + "'");
        }
        return service.forecast(SalesFilter.parse(from, to, state, region, category), horizon, model);
    }
}
