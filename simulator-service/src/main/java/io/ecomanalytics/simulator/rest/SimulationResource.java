package io.ecomanalytics.simulator.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.simulator.model.Run;
import io.ecomanalytics.simulator.model.SimulationRequest;
import io.ecomanalytics.simulator.service.SimulationService;
import io.smallrye.common.annotation.Blocking;

/** Simulation runs: start one, follow its progress, list them, cancel one. */
@Path("/api/v1/simulations")
@Tag(name = "simulations")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
@Blocking
public class SimulationResource {
    private final SimulationService simulations;

    public SimulationResource(SimulationService simulations) {
        this.simulations = simulations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "startSimulation", summary = "Queue a simulated data set (admin); omitted fields take the defaults")
    @APIResponse(responseCode = "202", description = "Queued; Location names the run", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Run.class)), headers = @Header(name = "Location", description = "The run's address, /api/v1/simulations/{id}", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "A field is out of range or malformed, startDate outside the API's date window, an unknown field or parameter")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "409", description = "Too many runs waiting")
    public Response start(@Valid SimulationRequest request) {
        SimulationRequest body = request != null
                ? request
                : new SimulationRequest(null, null, null, null, null, null, null, null, null, null);
        UUID id = simulations.submit(body);
        return Response.accepted(simulations.find(id)).location(URI.create("/api/v1/simulations/" + id)).build();
    }

    @GET
    @Operation(operationId = "listSimulations", summary = "The latest simulation runs, newest first (admin)")
    @APIResponse(responseCode = "200", description = "The runs")
    @APIResponse(responseCode = "400", description = "limit outside 1-200, or an unknown parameter")
    public List<Run> list(
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(200) @Parameter(description = "How many runs", example = "20") int limit) {
        return simulations.list(limit);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getSimulation", summary = "A simulation run: status, phase, percent, rows per table, elapsed, error, ground truth (admin)")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "400", description = "id is not a UUID, or an unknown parameter")
    @APIResponse(responseCode = "404", description = "No such run")
    public Run get(
            @PathParam("id") @Parameter(description = "The run's id (from Location)", example = "3f1c2a9e-5b7d-4e2a-9c1f-0a8b6d4e2f10") UUID id) {
        return simulations.find(id);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "cancelSimulation", summary = "Cancel a queued or running simulation; its rows are rolled back (admin)")
    @APIResponse(responseCode = "202", description = "Cancellation asked; the run ends CANCELLED shortly", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Run.class)))
    @APIResponse(responseCode = "400", description = "id is not a UUID, or an unknown parameter")
    @APIResponse(responseCode = "404", description = "No such run")
    @APIResponse(responseCode = "409", description = "The run already ended, or another instance executes it")
    public Response cancel(
            @PathParam("id") @Parameter(description = "The run's id (from Location)", example = "3f1c2a9e-5b7d-4e2a-9c1f-0a8b6d4e2f10") UUID id) {
        return Response.accepted(simulations.cancel(id)).build();
    }
}
