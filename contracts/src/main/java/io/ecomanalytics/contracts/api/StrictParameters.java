package io.ecomanalytics.contracts.api;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks every call's query and path parameters against the {@link ParameterRules} of the resource method it matched, before
 * any of them is converted, so every service refuses the same things the same way (400 problem naming the parameter).
 */
public class StrictParameters {
    private final Map<Method, ParameterRules> rules = new ConcurrentHashMap<>();
    private final ApiDates dates;
    private final int maxTextLength;

    public StrictParameters(ApiDates dates, ApiSettings settings) {
        this.dates = dates;
        this.maxTextLength = settings.maxTextLength();
    }

    @ServerRequestFilter
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        rules.computeIfAbsent(method, ParameterRules::of).check(request.getUriInfo().getQueryParameters(),
                request.getUriInfo().getPathParameters(), Set.of(), dates, maxTextLength);
    }
}
