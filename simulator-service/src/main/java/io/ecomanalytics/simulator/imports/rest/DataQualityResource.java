package io.ecomanalytics.simulator.imports.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.simulator.imports.quality.DataQualityCsv;
import io.ecomanalytics.simulator.imports.quality.DataQualityReport;
import io.ecomanalytics.simulator.imports.quality.DataQualityService;
import io.smallrye.common.annotation.Blocking;

/** The data-quality report over what is loaded now, as JSON or CSV. */
@Path("/api/v1/data-quality/report")
@Tag(name = "data quality")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
@Blocking
public class DataQualityResource {
    static final String TEXT_CSV = "text/csv";

    private final DataQualityService quality;

    public DataQualityResource(DataQualityService quality) {
        this.quality = quality;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Completeness, distributions, integrity, duplicates, date coverage, orders without items or payments")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public DataQualityReport json() {
        return quality.report();
    }

    @GET
    @Produces(TEXT_CSV)
    @Operation(summary = "The same report as CSV rows of section, subject, metric, value")
    @APIResponse(responseCode = "200", description = "The report")
    public String csv() {
        return DataQualityCsv.write(quality.report());
    }
}
