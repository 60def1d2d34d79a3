package io.ecomanalytics.gateway.auth;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/** Login: user name and password in, a signed access token out. */
@Path("/auth")
@Tag(name = "auth", description = "Log in and get a bearer token")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
@Blocking
public class AuthResource {
    private final AuthService auth;

    public AuthResource(AuthService auth) {
        this.auth = auth;
    }

    @POST
    @Path("/token")
    @Operation(summary = "Exchange a user name and password for an RS256 access token")
    @APIResponse(responseCode = "200", description = "Signed in")
    @APIResponse(responseCode = "400", description = "Missing user name or password")
    @APIResponse(responseCode = "401", description = "Unknown user name, wrong password or disabled user")
    public TokenResponse token(
            @RequestBody(content = @Content(examples = @ExampleObject(name = "admin", value = "{\"username\": \"admin\", \"password\": \"…\"}"))) @NotNull @Valid LoginRequest request,
            HttpServerRequest http) {
        TokenService.AccessToken token = auth.login(request.username(), request.password(),
                http.remoteAddress() == null ? null : http.remoteAddress().hostAddress());
        return new TokenResponse(token.token(), "Bearer", token.expiresIn(), token.role());
    }

    public record LoginRequest(@NotBlank @Size(max = 100) String username, @NotBlank @Size(max = 200) String password) {
    }

    public record TokenResponse(@JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType, @JsonProperty("expires_in") long expiresIn, String role) {
    }
}
