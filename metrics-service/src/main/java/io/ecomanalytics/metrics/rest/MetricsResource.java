package io.ecomanalytics.metrics.rest;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.exports.jaxrs.ExportParams;
import io.ecomanalytics.exports.model.ExportFormat;
import io.ecomanalytics.metrics.config.MetricsConfig;
import io.ecomanalytics.metrics.model.DailyMetrics;
import io.ecomanalytics.metrics.model.ProductQuantity;
import io.ecomanalytics.metrics.model.RegionRevenue;
import io.ecomanalytics.metrics.service.DayRange;
import io.ecomanalytics.metrics.service.MetricsReader;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** The real-time figures kept in Redis, for viewers and above. */
@Path("/api/v1/metrics")
@Tag(name = "metrics")
@Produces({MediaType.APPLICATION_JSON, ExportFormat.CSV_TYPE, ExportFormat.XLSX_TYPE, ExportFormat.PDF_TYPE})
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.VIEWER)
@Blocking
public class MetricsResource {
    static final int MAX_TOP_PRODUCTS = 100;

    private final MetricsReader reader;
    private final MetricsConfig config;

    public MetricsResource(MetricsReader reader, MetricsConfig config) {
        this.reader = reader;
        this.config = config;
    }

    @GET
    @Path("/today")
    @Operation(operationId = "metricsToday", summary = "Today's figures (store time zone)")
    @APIResponse(responseCode = "200", description = "Revenue, orders, active customers, average ticket, top product")
    @APIResponse(responseCode = "401", description = "No valid token")
    public DailyMetrics today(@BeanParam ExportParams export) {
        return reader.daily(reader.today());
    }

    @GET
    @Path("/daily/{date}")
    @Operation(operationId = "dailyMetrics", summary = "One day's figures")
    @APIResponse(responseCode = "200", description = "Revenue, orders, active customers, average ticket, top product")
    @APIResponse(responseCode = "400", description = "date is not YYYY-MM-DD inside the API's date window, or an unknown parameter")
    @APIResponse(responseCode = "401", description = "No valid token")
    public DailyMetrics daily(@BeanParam ExportParams export,
            @PathParam("date") @Parameter(description = "The day, in the store's time zone (YYYY-MM-DD)", example = "2026-03-10") LocalDate date) {
        return reader.daily(date);
    }

    @GET
    @Path("/daily")
    @Operation(operationId = "dailyMetricsSeries", summary = "Daily figures from one day to another, inclusive")
    @APIResponse(responseCode = "200", description = "One entry per day, oldest first")
    @APIResponse(responseCode = "400", description = "from/to missing or not dates inside the API's date window, to before from, range longer than METRICS_MAX_RANGE_DAYS, or an unknown parameter")
    @APIResponse(responseCode = "401", description = "No valid token")
    public List<DailyMetrics> series(@BeanParam ExportParams export,
            @QueryParam("from") @Parameter(description = "First day, inclusive (store time zone)", example = "2026-03-01", required = true) LocalDate from,
            @QueryParam("to") @Parameter(description = "Last day, inclusive; at most METRICS_MAX_RANGE_DAYS (366) days after from", example = "2026-03-31", required = true) LocalDate to) {
        DayRange range = DayRange.of(DateParams.required("from", from), DateParams.required("to", to),
                config.maxRangeDays(), "a call");
        return reader.daily(range.from(), range.to());
    }

    @GET
    @Path("/top-products")
    @Operation(operationId = "metricsTopProducts", summary = "All-time best-selling products by quantity")
    @APIResponse(responseCode = "200", description = "Highest quantity first")
    @APIResponse(responseCode = "400", description = "limit outside 1-100, or an unknown parameter")
    @APIResponse(responseCode = "401", description = "No valid token")
    public List<ProductQuantity> topProducts(@BeanParam ExportParams export,
            @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(MAX_TOP_PRODUCTS) @Parameter(description = "How many products", example = "10") int limit) {
        return reader.topProducts(limit);
    }

    @GET
    @Path("/regions")
    @Operation(operationId = "regionRevenue", summary = "Revenue per region on one day (today by default)")
    @APIResponse(responseCode = "200", description = "The five regions, zero where nothing was sold")
    @APIResponse(responseCode = "400", description = "date is not YYYY-MM-DD inside the API's date window, or an unknown parameter")
    @APIResponse(responseCode = "401", description = "No valid token")
    public List<RegionRevenue> regions(@BeanParam ExportParams export,
            @QueryParam("date") @Parameter(description = "The day (store time zone); today when left out", example = "2026-03-10") LocalDate date) {
        return reader.regions(date == null ? reader.today() : date);
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(operationId = "metricsStream", summary = "Server-sent events: today's figures whenever they change, at most once per interval", description = "A stream that does not end: each event's data is one DailyMetrics object as JSON. Read it with a server-sent events client (a browser's EventSource, or an HTTP client reading lines); a generated request-and-answer client would wait for an end that never comes.")
    @APIResponse(responseCode = "200", description = "An event at once, then one per change")
    @APIResponse(responseCode = "401", description = "No valid token")
    public Multi<DailyMetrics> stream() {
        // one reading at once, then one per interval; a slow reader loses intervals, never gets a backlog
        Multi<Long> ticks = Multi.createFrom().ticks().every(config.streamInterval()).onOverflow().drop();
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(0L), ticks)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(tick -> reader.daily(reader.today()))
                .skip().repetitions();
    }
}
