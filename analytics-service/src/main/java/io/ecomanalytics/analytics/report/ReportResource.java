package io.ecomanalytics.analytics.report;

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
import io.ecomanalytics.analytics.rest.SalesFilterParams;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.exports.jaxrs.ExportParams;
import io.ecomanalytics.exports.model.ExportFormat;
import io.smallrye.common.annotation.Blocking;

/** The management report: every analysis of a period in one document. */
@Path("/api/v1/reports")
@Tag(name = "reports")
@Produces({ExportFormat.PDF_TYPE, ExportFormat.XLSX_TYPE, MediaType.APPLICATION_JSON, ExportFormat.CSV_TYPE})
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ANALYST)
@Blocking
public class ReportResource {
    private final ReportService service;

    public ReportResource(ReportService service) {
        this.service = service;
    }

    @CachedAnswer
    @GET
    @Path("summary")
    @Operation(operationId = "managementReport", summary = "Management report of a period (analyst): key figures with growth,"
            + " revenue chart, cohort heatmap, RFM segments with actions, top products and pairs, geography, the 8-week"
            + " forecast with its bands and model, the most anomalous orders. PDF by default; Excel (a sheet per section),"
            + " JSON or CSV (the key figures) by Accept or format")
    @APIResponse(responseCode = "200", description = "The report; a section without data says why instead of failing the"
            + " report")
    @APIResponse(responseCode = "400", description = "Unknown parameter, bad date, from after to, unknown state/region/format")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an analyst")
    public ManagementReport summary(@BeanParam SalesFilterParams filter, @BeanParam ExportParams export) {
        return service.report(filter.filter());
    }
}
