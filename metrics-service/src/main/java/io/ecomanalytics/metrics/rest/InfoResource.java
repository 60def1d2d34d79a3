package io.ecomanalytics.metrics.rest;

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

import io.ecomanalytics.contracts.events.OrderEvents;
import io.ecomanalytics.contracts.security.Caller;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.exports.jaxrs.ExportParams;
import io.ecomanalytics.exports.model.ExportFormat;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.common.annotation.Blocking;

/** Who is calling and how long the order-event stream is: proves token verification end to end. */
@Path("/api/v1/metrics/info")
@Tag(name = "info")
@Produces({MediaType.APPLICATION_JSON, ExportFormat.CSV_TYPE, ExportFormat.XLSX_TYPE, ExportFormat.PDF_TYPE})
@SecurityRequirement(name = "jwt")
@Blocking
public class InfoResource {
    private final RedisDataSource redis;
    private final JsonWebToken token;

    public InfoResource(RedisDataSource redis, JsonWebToken token) {
        this.redis = redis;
        this.token = token;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "metricsInfo", summary = "The caller and the length of the order-event stream (admin)")
    @APIResponse(responseCode = "200", description = "The caller and stream length")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Info info(@BeanParam ExportParams export) {
        long length = redis.stream(String.class).xlen(OrderEvents.STREAM);
        return new Info("metrics-service", Caller.of(token), OrderEvents.STREAM, length);
    }

    public record Info(String service, Caller caller, String stream, long streamLength) {
    }
}
