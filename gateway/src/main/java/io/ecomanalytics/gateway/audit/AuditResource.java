package io.ecomanalytics.gateway.audit;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import io.smallrye.common.annotation.Blocking;

/** The audit log for admins: logins, user administration and who exported what. */
@Path("/api/v1/audit")
@Tag(name = "audit", description = "The audit log (admin)")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
@Blocking
public class AuditResource {
    private final AuditRepository audit;

    public AuditResource(AuditRepository audit) {
        this.audit = audit;
    }

    @GET
    @Operation(operationId = "auditLog", summary = "The newest audit rows, of one action and one user when given (admin);"
            + " an export row's detail holds the analysis, format, rows, file, path and filter")
    @APIResponse(responseCode = "200", description = "Newest first")
    @APIResponse(responseCode = "400", description = "Unknown parameter, limit out of range")
    @APIResponse(responseCode = "401", description = "No or bad token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public List<AuditEntry> list(
            @QueryParam("action") @Size(max = 40) @Parameter(description = "Only this action: export, login, refresh,"
                    + " logout, user.create, user.role, user.enable, user.disable, user.list", example = "export") String action,
            @QueryParam("actor") @Size(max = 100) @Parameter(description = "Only rows of this user", example = "alice") String actor,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) @Parameter(description = "How many rows") int limit) {
        return audit.newest(action, actor, limit);
    }
}
