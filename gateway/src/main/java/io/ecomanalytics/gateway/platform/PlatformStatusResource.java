package io.ecomanalytics.gateway.platform;

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
import io.smallrye.common.annotation.Blocking;

/** The platform's status page for admins: each backend's readiness and version. */
@Path("/api/v1/platform/status")
@Tag(name = "platform", description = "The platform's own state (admin)")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
@Blocking
public class PlatformStatusResource {
    private final PlatformStatus status;

    public PlatformStatusResource(PlatformStatus status) {
        this.status = status;
    }

    @GET
    @Operation(operationId = "platformStatus", summary = "Each backend's readiness (with its checks) and version, asked now")
    @APIResponse(responseCode = "200", description = "The status of every backend; `ready` is true when all are ready")
    public PlatformStatus.Report status() {
        return status.report();
    }
}
