package io.ecomanalytics.analytics.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ecomanalytics.analytics.cache.CachedAnswer;
import io.ecomanalytics.analytics.model.GeoBreakdown;
import io.ecomanalytics.analytics.service.GeoService;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.exports.jaxrs.ExportParams;
import io.ecomanalytics.exports.model.ExportFormat;
import io.smallrye.common.annotation.Blocking;

/** Sales by the customers' region and state. */
@Path("/api/v1/analytics/geo")
@Tag(name = "geography")
@Produces({MediaType.APPLICATION_JSON, ExportFormat.CSV_TYPE, ExportFormat.XLSX_TYPE, ExportFormat.PDF_TYPE})
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.VIEWER)
@Blocking
public class GeoResource {
    private final GeoService service;

    public GeoResource(GeoService service) {
        this.service = service;
    }

    @GET
    @Path("regions")
    @Operation(operationId = "geoRegions", summary = "Revenue, orders, customers, average ticket and shares per region")
    @APIResponse(responseCode = "200", description = "Regions, largest revenue first")
    @APIResponse(responseCode = "400", description = "Unknown parameter, bad date, from after to")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "An export (CSV, Excel, PDF) asked for by a viewer")
    public GeoBreakdown regions(@BeanParam SalesFilterParams filter, @BeanParam ExportParams export) {
        return service.regions(filter.filter());
    }

    @CachedAnswer(keepsComputed = false)
    @GET
    @Path("states")
    @Operation(operationId = "geoStates", summary = "Revenue, orders, customers, average ticket and shares per state")
    @APIResponse(responseCode = "200", description = "States, largest revenue first")
    @APIResponse(responseCode = "400", description = "Unknown parameter, bad date, from after to")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "An export (CSV, Excel, PDF) asked for by a viewer")
    public GeoBreakdown states(@BeanParam SalesFilterParams filter, @BeanParam ExportParams export) {
        return service.states(filter.filter());
    }
}
