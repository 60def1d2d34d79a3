package io.ecomanalytics.analytics.repository;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.ecomanalytics.contracts.security.Roles;
import io.smallrye.common.annotation.Blocking;

/** Test-only: a query that takes as long as it is told, run through {@link SqlRunner} like every analytics query. */
@Path("/test/slow-query")
@RolesAllowed(Roles.VIEWER)
@Blocking
public class SlowQueryResource {
    static final String MARKER = "slow-query-test";

    private final SqlRunner sql;

    public SlowQueryResource(SqlRunner sql) {
        this.sql = sql;
    }

    @GET
    @Operation(hidden = true)
    public String sleep(@QueryParam("seconds") @Min(0) @Max(60) int seconds,
            @QueryParam("timeoutMillis") @Min(0) @Max(60_000) int timeoutMillis) {
        String query = "SELECT pg_sleep(?), '" + MARKER + "'";
        if (timeoutMillis > 0) {
            sql.stream(query, List.of(seconds), List.of("statement_timeout = " + timeoutMillis), 10, rs -> {
            });
        } else {
            sql.one(query, List.of(seconds), rs -> 1);
        }
        return "slept";
    }
}
