package io.ecomanalytics.analytics.anomaly;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ecomanalytics.analytics.cache.CachedAnswer;
import io.ecomanalytics.analytics.export.WholeLists;
import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.contracts.geo.BrazilianState;
import io.ecomanalytics.contracts.geo.Region;
import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.exports.jaxrs.ExportParams;
import io.ecomanalytics.exports.jaxrs.ExportRequest;
import io.ecomanalytics.exports.model.ExportFormat;
import io.smallrye.common.annotation.Blocking;

/** Fraud and anomaly screening of orders. */
@Path("/api/v1/analytics/anomalies")
@Tag(name = "anomalies")
@Produces({MediaType.APPLICATION_JSON, ExportFormat.CSV_TYPE, ExportFormat.XLSX_TYPE, ExportFormat.PDF_TYPE})
@SecurityRequirement(name = "jwt")
@Blocking
public class AnomalyResource {
    private static final String LIMIT = "limit";

    private final AnomalyService service;
    private final AnomalyConfig config;
    private final ExportRequest exports;
    private final WholeLists wholeLists;

    public AnomalyResource(AnomalyService service, AnomalyConfig config, ExportRequest exports, WholeLists wholeLists) {
        this.service = service;
        this.config = config;
        this.exports = exports;
        this.wholeLists = wholeLists;
    }

    @CachedAnswer
    @GET
    @Path("/orders")
    @RolesAllowed(Roles.ANALYST)
    @Operation(operationId = "orderAnomalies", summary = "Orders ranked by anomaly score, each with the features that made it stand out (analyst)")
    @APIResponse(responseCode = "200", description = "The most anomalous orders and the model's evaluation; as a file (CSV,"
            + " Excel, PDF) every order of the range ranked (limit does not apply), with the evaluation", content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnomalyReport.class)),
                    @Content(mediaType = ExportFormat.CSV_TYPE), @Content(mediaType = ExportFormat.XLSX_TYPE),
                    @Content(mediaType = ExportFormat.PDF_TYPE)})
    @APIResponse(responseCode = "400", description = "A parameter is unknown or invalid; the problem names it")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an analyst")
    public Response orders(@BeanParam ExportParams export,
            @QueryParam("from") @Parameter(description = "First day of the orders screened, store zone, inclusive"
                    + " (default: the first order)", example = "2024-01-01") LocalDate from,
            @QueryParam("to") @Parameter(description = "Last day of the orders screened, store zone, inclusive (default:"
                    + " the last order)", example = "2024-12-31") LocalDate to,
            @QueryParam("state") @Parameter(description = "Only customers of this state (UF)") BrazilianState state,
            @QueryParam("region") @Parameter(description = "Only customers of this region") Region region,
            @QueryParam("category") @Size(max = 100) @Parameter(description = "Only orders holding an item of this category"
                    + " (each screened as a whole order)", example = "electronics") String category,
            @QueryParam(LIMIT) @DefaultValue("50") @Min(1) @Parameter(description = "How many orders, most anomalous"
                    + " first; at most ANALYTICS_ANOMALY_MAX_LIMIT (default 1000)") int limit,
            @QueryParam("method") @DefaultValue(AnomalyService.ISOLATION_FOREST) @Parameter(description = "The detector", schema = @Schema(enumeration = {
                    AnomalyService.ISOLATION_FOREST,
                    AnomalyService.ONE_CLASS_SVM})) String method,
            @QueryParam(RankCursor.PARAMETER) @Size(max = 40) @Parameter(description = "Continue the ranking after this"
                    + " place: the nextCursor of the previous page (same filters and method)") String after) {
        RankCursor cursor = RankCursor.parse(after);
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiException.badRequest("from", "from (" + from + ") is after to (" + to + ")");
        }
        if (limit > config.maxLimit()) {
            throw ApiException.badRequest(LIMIT, LIMIT + " must be an integer from 1 to " + config.maxLimit());
        }
        SalesFilter range = new SalesFilter(from, to, state, region,
                category == null || category.isBlank() ? null : category.strip());
        if (exports.isExport()) {
            return Response.ok(wholeLists.anomalies(range, method)).build();
        }
        return Response.ok(service.detect(range, limit, method, cursor)).build();
    }
}
