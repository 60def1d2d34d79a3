package io.ecomanalytics.metrics.rest;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.exports.jaxrs.ExportParams;
import io.ecomanalytics.exports.model.ExportFormat;
import io.ecomanalytics.metrics.model.RebuildResult;
import io.ecomanalytics.metrics.model.ReconcileReport;
import io.ecomanalytics.metrics.service.RebuildService;
import io.ecomanalytics.metrics.service.ReconcileService;
import io.smallrye.common.annotation.Blocking;

/**
 * Recovery and checking: rebuild the keys of a range of days from PostgreSQL (admin, it rewrites data) and reconcile one day
 * (analyst, it only reads).
 */
@Path("/api/v1/metrics")
@Tag(name = "metrics administration")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Blocking
public class MetricsAdminResource {
    private final RebuildService rebuilds;
    private final ReconcileService reconciler;

    public MetricsAdminResource(RebuildService rebuilds, ReconcileService reconciler) {
        this.rebuilds = rebuilds;
        this.reconciler = reconciler;
    }

    @POST
    @Path("/rebuild")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "rebuildMetrics", summary = "Recompute the metric keys of the days from..to (inclusive) from PostgreSQL; idempotent")
    @APIResponse(responseCode = "200", description = "What was rewritten")
    @APIResponse(responseCode = "400", description = "from/to missing or not dates inside the API's date window, to before from, range longer than METRICS_REBUILD_MAX_DAYS, or an unknown parameter")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "409", description = "Another rebuild of some of these days is running")
    public RebuildResult rebuild(
            @QueryParam("from") @Parameter(description = "First day to rebuild, inclusive (store time zone)", example = "2026-03-01", required = true) LocalDate from,
            @QueryParam("to") @Parameter(description = "Last day to rebuild, inclusive; at most METRICS_REBUILD_MAX_DAYS (3660) days after from", example = "2026-03-31", required = true) LocalDate to) {
        return rebuilds.rebuild(DateParams.required("from", from), DateParams.required("to", to));
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, ExportFormat.CSV_TYPE, ExportFormat.XLSX_TYPE, ExportFormat.PDF_TYPE})
    @Path("/reconcile")
    @RolesAllowed(Roles.ANALYST)
    @Operation(operationId = "reconcileMetrics", summary = "Compare one day's keys in Redis with PostgreSQL and list every difference")
    @APIResponse(responseCode = "200", description = "The differences, empty when consistent")
    @APIResponse(responseCode = "400", description = "date missing or not YYYY-MM-DD inside the API's date window, or an unknown parameter")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Viewer")
    public ReconcileReport reconcile(@BeanParam ExportParams export,
            @QueryParam("date") @Parameter(description = "The day to compare (store time zone)", example = "2026-03-10", required = true) LocalDate date) {
        return reconciler.reconcile(DateParams.required("date", date));
    }
}
