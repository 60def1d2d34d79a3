package io.ecomanalytics.analytics;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.ecomanalytics.contracts.security.Roles;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;

/** Test-only: writes one log line from the worker thread that serves the request. */
@Path("/test/logging")
@RolesAllowed(Roles.VIEWER)
@Blocking
public class LoggingResource {
    static final String LINE = "a line written while serving the request";

    @GET
    @Operation(hidden = true)
    public String log() {
        Log.info(LINE);
        return "logged";
    }
}
