package io.ecomanalytics.simulator.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.simulator.model.LiveStreamRequest;
import io.ecomanalytics.simulator.model.LiveStreamStatus;
import io.ecomanalytics.simulator.service.LiveOrderService;
import io.smallrye.common.annotation.Blocking;

/** The live order stream: orders placed continuously and published on the orders:events Redis stream. */
@Path("/api/v1/streams/orders")
@Tag(name = "streams")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
@Blocking
public class OrderStreamResource {
    private final LiveOrderService live;

    public OrderStreamResource(LiveOrderService live) {
        this.live = live;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "startOrderStream", summary = "Start placing live orders (admin): exactly ordersPerSecond x durationSeconds orders, one every 1/ordersPerSecond s")
    @APIResponse(responseCode = "202", description = "Started", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LiveStreamStatus.class)))
    @APIResponse(responseCode = "400", description = "A field is out of range or malformed, an unknown field or parameter, or there are no customers or products")
    @APIResponse(responseCode = "409", description = "A stream is already running")
    public Response start(@Valid @NotNull LiveStreamRequest request) {
        return Response.accepted(live.start(request)).build();
    }

    @GET
    @Operation(operationId = "orderStreamStatus", summary = "The live stream's state and tallies (admin)")
    @APIResponse(responseCode = "200", description = "The state")
    public LiveStreamStatus status() {
        return live.status();
    }

    @DELETE
    @Operation(operationId = "stopOrderStream", summary = "Stop the live stream (admin)")
    @APIResponse(responseCode = "200", description = "Stopped (or was not running)")
    public LiveStreamStatus stop() {
        return live.stop();
    }
}
