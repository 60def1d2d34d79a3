package io.ecomanalytics.simulator.imports.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
    private static final MediaType CSV = MediaType.valueOf(TEXT_CSV);

    private final DataQualityService quality;

    public DataQualityResource(DataQualityService quality) {
        this.quality = quality;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
    @Operation(operationId = "dataQualityReport", summary = "Completeness, distributions, integrity, duplicates, date coverage, orders without items or payments"
            + " (JSON; CSV rows of section, subject, metric, value with Accept: text/csv)")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Response report(@Context HttpHeaders headers) {
        DataQualityReport report = quality.report();
        // JSON unless the caller prefers CSV: a client sending */* (curl, browsers) gets JSON.
        boolean csv = headers.getAcceptableMediaTypes().stream().findFirst()
                .map(t -> t.isCompatible(CSV) && !t.isWildcardType()).orElse(false);
        return csv
                ? Response.ok(DataQualityCsv.write(report), CSV).build()
                : Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
