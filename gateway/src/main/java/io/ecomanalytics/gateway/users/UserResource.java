package io.ecomanalytics.gateway.users;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.gateway.auth.PlainText;
import io.ecomanalytics.gateway.auth.User;
import io.ecomanalytics.gateway.routing.ClientAddress;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/** Administration of users: create with a role, list, change role, disable and enable. Admins only. */
@Path("/api/v1/users")
@Tag(name = "users", description = "Users and their roles (admin)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Blocking
public class UserResource {
    private final UserService users;
    private final JsonWebToken caller;

    public UserResource(UserService users, JsonWebToken caller) {
        this.users = users;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listUsers", summary = "List every user")
    @APIResponse(responseCode = "200", description = "The users, oldest first")
    @APIResponse(responseCode = "401", description = "No or bad token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public List<UserView> list(@Context HttpServerRequest http) {
        return users.list(caller.getName(), ClientAddress.of(http)).stream().map(UserView::of).toList();
    }

    @POST
    @Operation(operationId = "createUser", summary = "Create a user with a role")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or invalid (named in the body)")
    @APIResponse(responseCode = "409", description = "The user name is taken")
    @APIResponse(responseCode = "401", description = "No or bad token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Response create(
            @RequestBody(content = @Content(examples = @ExampleObject(name = "analyst", value = "{\"username\": \"ana\", \"password\": \"a long passphrase\", \"role\": \"analyst\"}"))) @NotNull @Valid NewUser request,
            @Context HttpServerRequest http) {
        User user = users.create(request.username(), request.password(), request.role(), caller.getName(),
                ClientAddress.of(http));
        return Response.status(Response.Status.CREATED).entity(UserView.of(user)).build();
    }

    @PATCH
    @Path("/{id}")
    @Operation(operationId = "updateUser", summary = "Change a user's role, or disable or enable the user")
    @APIResponse(responseCode = "200", description = "The user as it is now")
    @APIResponse(responseCode = "400", description = "Unknown role, nothing to change, or an id that is not ASCII digits")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "401", description = "No or bad token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public UserView update(
            @PathParam("id") @Pattern(regexp = "[0-9]{1,18}", message = "must be a user id (ASCII digits)") String id,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "disable", value = "{\"enabled\": false}"))) @NotNull @Valid UserChange change,
            @Context HttpServerRequest http) {
        return UserView.of(users.update(Long.parseLong(id), change.role(), change.enabled(), caller.getName(),
                ClientAddress.of(http)));
    }

    public record NewUser(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._@-]+") String username,
            @NotBlank @Size(min = 10, max = 200) @PlainText String password,
            @NotBlank @Pattern(regexp = "viewer|analyst|admin") String role) {
    }

    public record UserChange(@Pattern(regexp = "viewer|analyst|admin") String role, Boolean enabled) {
    }

    /** A user on the wire: never the password hash. */
    public record UserView(long id, String username, String role, boolean enabled, Instant createdAt) {
        static UserView of(User user) {
            return new UserView(user.id(), user.username(), user.role(), user.enabled(), user.createdAt());
        }
    }
}
