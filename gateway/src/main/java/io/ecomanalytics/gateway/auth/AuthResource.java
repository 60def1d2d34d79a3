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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.ecomanalytics.gateway.routing.ClientAddress;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/** Login, token refresh and logout. */
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
    @Operation(operationId = "login", summary = "Exchange a user name and password for an RS256 access token and a refresh token")
    @APIResponse(responseCode = "200", description = "Signed in")
    @APIResponse(responseCode = "400", description = "Missing user name or password, or a control character in one (named)")
    @APIResponse(responseCode = "401", description = "Unknown user name, wrong password or disabled user")
    @APIResponse(responseCode = "429", description = "Too many failed logins or calls; see Retry-After")
    public TokenResponse token(
            @RequestBody(content = @Content(examples = @ExampleObject(name = "admin", value = "{\"username\": \"admin\", \"password\": \"…\"}"))) @NotNull @Valid LoginRequest request,
            @Context HttpServerRequest http) {
        try {
            return TokenResponse.of(auth.login(request.username(), request.password(), ClientAddress.of(http)));
        } catch (LoginThrottle.Throttled e) {
            http.response().putHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            throw e;
        }
    }

    @POST
    @Path("/refresh")
    @Operation(operationId = "refreshTokens", summary = "Exchange a refresh token for a new access token and a new refresh token (the old one is used up)")
    @APIResponse(responseCode = "200", description = "New tokens")
    @APIResponse(responseCode = "400", description = "Missing refresh token")
    @APIResponse(responseCode = "401", description = "Unknown, expired, revoked or reused refresh token (reuse revokes the session)")
    public TokenResponse refresh(
            @RequestBody(content = @Content(examples = @ExampleObject(name = "refresh", value = "{\"refresh_token\": \"…\"}"))) @NotNull @Valid RefreshRequest request,
            @Context HttpServerRequest http) {
        return TokenResponse.of(auth.refresh(request.refreshToken(), ClientAddress.of(http)));
    }

    @POST
    @Path("/logout")
    @Operation(operationId = "logout", summary = "End the session of a refresh token (it and every token rotated from the same login are revoked)")
    @APIResponse(responseCode = "204", description = "Logged out")
    @APIResponse(responseCode = "400", description = "Missing refresh token")
    public void logout(@NotNull @Valid RefreshRequest request, @Context HttpServerRequest http) {
        auth.logout(request.refreshToken(), ClientAddress.of(http));
    }

    public record LoginRequest(@NotBlank @Size(max = 100) @PlainText String username,
            @NotBlank @Size(max = 200) @PlainText String password) {
    }

    public record RefreshRequest(
            @JsonProperty("refresh_token") @NotBlank @Size(max = 200) @PlainText String refreshToken) {
    }

    public record TokenResponse(@JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType, @JsonProperty("expires_in") long expiresIn, String role,
            @JsonProperty("refresh_token") String refreshToken) {

        static TokenResponse of(AuthService.Tokens tokens) {
            return new TokenResponse(tokens.access().token(), "Bearer", tokens.access().expiresIn(),
                    tokens.access().role(), tokens.refreshToken());
        }
    }
}
