package io.ecomanalytics.analytics.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ecomanalytics.analytics.cache.PerCaller;
import io.ecomanalytics.analytics.model.Coverage;
import io.ecomanalytics.analytics.repository.CoverageRepository;
import io.ecomanalytics.contracts.security.Caller;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.exports.jaxrs.ExportParams;
import io.ecomanalytics.exports.model.ExportFormat;
import io.smallrye.common.annotation.Blocking;

/** Who is calling and which period the data covers: proves token verification end to end. */
@Path("/api/v1/analytics/info")
@Tag(name = "info")
@Produces({MediaType.APPLICATION_JSON, ExportFormat.CSV_TYPE, ExportFormat.XLSX_TYPE, ExportFormat.PDF_TYPE})
@SecurityRequirement(name = "jwt")
@Blocking
public class InfoResource {
    private final CoverageRepository coverage;
    private final JsonWebToken token;

    public InfoResource(CoverageRepository coverage, JsonWebToken token) {
        this.coverage = coverage;
        this.token = token;
    }

    @PerCaller
    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "analyticsInfo", summary = "The caller and the period the loaded orders cover (admin)")
    @APIResponse(responseCode = "200", description = "The caller and data coverage")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Info info(@BeanParam ExportParams export) {
        return new Info("analytics-service", Caller.of(token), coverage.coverage());
    }

    public record Info(String service, Caller caller, Coverage data) {
    }
}
