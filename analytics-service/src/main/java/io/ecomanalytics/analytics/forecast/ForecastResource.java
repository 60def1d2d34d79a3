package io.ecomanalytics.analytics.forecast;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Min;
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
import io.ecomanalytics.analytics.rest.SalesFilterParams;
import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.exports.jaxrs.ExportParams;
import io.ecomanalytics.exports.model.ExportFormat;
import io.smallrye.common.annotation.Blocking;

/** Weekly revenue forecast. */
@Path("/api/v1/analytics/forecast")
@Tag(name = "forecast")
@Produces({MediaType.APPLICATION_JSON, ExportFormat.CSV_TYPE, ExportFormat.XLSX_TYPE, ExportFormat.PDF_TYPE})
@SecurityRequirement(name = "jwt")
@Blocking
public class ForecastResource {
    private static final String HORIZON_WEEKS = "horizonWeeks";
    private static final String MODEL = "model";

    private final ForecastService service;
    private final ForecastConfig config;

    public ForecastResource(ForecastService service, ForecastConfig config) {
        this.service = service;
        this.config = config;
    }

    @CachedAnswer
    @GET
    @Path("/revenue")
    @RolesAllowed(Roles.ANALYST)
    @Operation(operationId = "revenueForecast", summary = "Forecast weekly revenue with prediction intervals and every candidate model's backtest (analyst)")
    @APIResponse(responseCode = "200", description = "The forecast")
    @APIResponse(responseCode = "400", description = "A parameter is unknown or invalid; the problem names it")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an analyst")
    @APIResponse(responseCode = "422", description = "Too little history for the horizon")
    public RevenueForecast revenue(@BeanParam SalesFilterParams filter, @BeanParam ExportParams export,
            @QueryParam(HORIZON_WEEKS) @DefaultValue("8") @Min(1) @Parameter(description = "Weeks to forecast, at most"
                    + " ANALYTICS_FORECAST_MAX_HORIZON_WEEKS (default 52)") int horizonWeeks,
            @QueryParam(MODEL) @DefaultValue(ForecastService.AUTO) @Parameter(description = "The model; auto chooses the"
                    + " one with the lowest backtest error", schema = @Schema(enumeration = {ForecastService.AUTO,
                            "holt-winters", "polynomial", "seasonal-naive"})) String model) {
        if (horizonWeeks > config.maxHorizonWeeks()) {
            throw ApiException.badRequest(HORIZON_WEEKS, HORIZON_WEEKS + " must be an integer from 1 to "
                    + config.maxHorizonWeeks());
        }
        if (!service.modelNames().contains(model)) {
            throw ApiException.badRequest(MODEL, "unknown model '" + model + "'; allowed: "
                    + String.join(", ", service.modelNames()));
        }
        return service.forecast(filter.filter(), horizonWeeks, model);
    }
}
