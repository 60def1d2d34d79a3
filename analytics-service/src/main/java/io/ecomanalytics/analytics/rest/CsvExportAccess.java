package io.ecomanalytics.analytics.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.contracts.security.Roles;

/**
 * Exports are an analyst's right: an authenticated call under {@code /api/v1/analytics} that asks for {@code text/csv} is
 * refused with 403 unless the caller holds {@link Roles#ANALYST} (viewers read the same data as JSON). Anonymous calls pass on
 * to the endpoint's own check, which answers 401.
 */
public class CsvExportAccess {
    static final String ANALYTICS_PATH = "api/v1/analytics";

    @ServerRequestFilter
    public void onlyAnalystsExport(ContainerRequestContext request) {
        SecurityContext security = request.getSecurityContext();
        if (security.getUserPrincipal() == null || security.isUserInRole(Roles.ANALYST)
                || !request.getUriInfo().getPath().contains(ANALYTICS_PATH) || !asksForCsv(request)) {
            return;
        }
        throw new ApiException(403, "Accept", "CSV export needs the analyst role; viewers can read JSON");
    }

    private static boolean asksForCsv(ContainerRequestContext request) {
        return request.getAcceptableMediaTypes().stream()
                .anyMatch(t -> !t.isWildcardType() && !t.isWildcardSubtype()
                        && t.isCompatible(MediaType.valueOf(CsvBodyWriter.TEXT_CSV)));
    }
}
