package io.ecomanalytics.simulator.rest;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ecomanalytics.contracts.security.Caller;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.simulator.repository.RunRepository;
import io.smallrye.common.annotation.Blocking;

/** Who is calling and what the simulator has loaded: proves token verification end to end. */
@Path("/api/v1/simulator/info")
@Tag(name = "info")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@Blocking
public class InfoResource {
    private final RunRepository runs;
    private final JsonWebToken token;

    public InfoResource(RunRepository runs, JsonWebToken token) {
        this.runs = runs;
        this.token = token;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "simulatorInfo", summary = "The caller and the simulator's runs by status (admin)")
    @APIResponse(responseCode = "200", description = "The caller and run counts")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Info info() {
        return new Info("simulator-service", Caller.of(token), runs.countByStatus());
    }

    public record Info(String service, Caller caller, Map<String, Long> runsByStatus) {
    }
}
