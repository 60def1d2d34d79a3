package io.ecomanalytics.exports.jaxrs;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.exports.model.Export;
import io.ecomanalytics.exports.model.ExportFormat;
import io.ecomanalytics.exports.model.ExportMapper;
import io.ecomanalytics.exports.model.Exportable;

/**
 * Decides, for every call of a resource method that offers exports (its {@code @Produces} names CSV, Excel or PDF), what the
 * answer is: {@code ?format=csv|xlsx|pdf} if given, else the best of the method's media types for {@code Accept} (quality
 * first, then the method's order; {@code *}/{@code *} and no {@code Accept} pick its first, JSON). A file needs the analyst
 * role (403 naming it, for every export type and {@code format}). After the method, an answer for a file is turned into an
 * {@link Export} with its headers: {@code Content-Disposition} (the analysis and the filter), {@code X-Export-Analysis}, and
 * the announced trailer {@code X-Export-Rows}, which {@link ExportBodyWriter} sends after the last row. The gateway reads both
 * to write the audit row.
 */
public class ExportNegotiation {
    /** Response header naming the analysis of an export. */
    public static final String ANALYSIS = "X-Export-Analysis";
    /** Response trailer with the number of rows written. */
    public static final String ROWS = "X-Export-Rows";
    /** Query parameters that page a JSON answer: they never name a file. */
    private static final List<String> NOT_IN_NAME = List.of(ExportParams.FORMAT, "page", "size", "from", "to");
    private static final List<String> FIRST_IN_NAME = List.of("date", "state", "region", "category");

    private final Map<Method, List<MediaType>> offers = new ConcurrentHashMap<>();
    private final ExportRequest decision;
    private final Instance<ExportMapper> mappers;

    public ExportNegotiation(ExportRequest decision, Instance<ExportMapper> mappers) {
        this.decision = decision;
        this.mappers = mappers;
    }

    @ServerRequestFilter(priority = Priorities.USER + 100)
    public void decide(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || !HttpMethod.GET.equals(request.getMethod()) && !HttpMethod.HEAD.equals(request.getMethod())) {
            return;
        }
        List<MediaType> offered = offers.computeIfAbsent(method, ExportNegotiation::produces);
        if (offered.stream().noneMatch(t -> ExportFormat.ofMediaType(t) != null)) {
            return;
        }
        String parameter = request.getUriInfo().getQueryParameters().getFirst(ExportParams.FORMAT);
        MediaType chosen;
        if (parameter != null) {
            chosen = ExportFormat.fromString(parameter).type();
        } else {
            chosen = negotiate(request.getAcceptableMediaTypes(), offered);
            if (chosen == null) {
                return; // JAX-RS answers 406
            }
        }
        ExportFormat format = ExportFormat.ofMediaType(chosen);
        decision.decide(chosen, format, parameter != null);
        // the answer's writer is chosen by Accept again after the method: it must see the one type decided here
        request.getHeaders().putSingle(HttpHeaders.ACCEPT, chosen.toString());
        SecurityContext security = request.getSecurityContext();
        if (format != null && security.getUserPrincipal() != null && !security.isUserInRole(Roles.ANALYST)) {
            throw new ApiException(403, parameter != null ? ExportParams.FORMAT : "Accept",
                    "exports (CSV, Excel, PDF) need the role '" + Roles.ANALYST + "'; viewers can read JSON");
        }
    }

    @ServerResponseFilter
    public void answer(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        MediaType chosen = decision.chosen();
        if (chosen == null || response.getStatus() != 200 || !response.hasEntity()) {
            return;
        }
        Object entity = response.getEntity();
        ExportFormat format = decision.format();
        if (format == null) {
            response.setEntity(entity, response.getEntityAnnotations(), chosen);
            return;
        }
        Export export = toExport(entity, response.getEntityType());
        if (export == null) {
            throw new IllegalStateException("no export for " + entity.getClass().getName());
        }
        String analysis = analysis(resource.getResourceMethod(), resource.getResourceClass());
        String name = FileNames.name(analysis, nameParts(export, request.getUriInfo().getQueryParameters()),
                format.extension());
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Content-Disposition", FileNames.contentDisposition(name));
        headers.putSingle(ANALYSIS, analysis);
        headers.putSingle("Trailer", ROWS);
        headers.putSingle("Cache-Control", "no-store");
        response.setEntity(export, response.getEntityAnnotations(), chosen);
    }

    private Export toExport(Object entity, java.lang.reflect.Type type) {
        if (entity instanceof Export export) {
            return export;
        }
        if (entity instanceof Exportable exportable) {
            return exportable.toExport();
        }
        for (ExportMapper mapper : mappers) {
            Export export = mapper.toExport(entity, type);
            if (export != null) {
                return export;
            }
        }
        return null;
    }

    /**
     * The best offered type for the caller's ranges (already in order of preference), or null when none fits.
     */
    static MediaType negotiate(List<MediaType> acceptable, List<MediaType> offered) {
        if (acceptable.isEmpty()) {
            return offered.get(0);
        }
        for (MediaType range : acceptable) {
            if ("0".equals(range.getParameters().get("q")) || "0.0".equals(range.getParameters().get("q"))) {
                continue;
            }
            for (MediaType type : offered) {
                if (range.isCompatible(type)) {
                    return type;
                }
            }
        }
        return null;
    }

    /** The analysis an export is named after: the operation's id in kebab case, else its path after {@code /api/v1/}. */
    static String analysis(Method method, Class<?> resourceClass) {
        Operation operation = method.getAnnotation(Operation.class);
        if (operation != null && !operation.operationId().isBlank()) {
            return FileNames.kebab(operation.operationId());
        }
        Path classPath = resourceClass.getAnnotation(Path.class);
        Path methodPath = method.getAnnotation(Path.class);
        String path = (classPath == null ? "" : classPath.value()) + "/" + (methodPath == null ? "" : methodPath.value());
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isBlank() && !segment.startsWith("{") && !segment.equals("api") && !segment.matches("v[0-9]+")) {
                segments.add(segment);
            }
        }
        return String.join("-", segments).toLowerCase(Locale.ROOT);
    }

    /** The period the export covers, then the caller's filter values: date, state, region, category, the rest by name. */
    private static List<String> nameParts(Export export, MultivaluedMap<String, String> query) {
        List<String> parts = new ArrayList<>();
        parts.add(export.from() != null ? export.from().toString() : query.getFirst("from"));
        parts.add(export.to() != null ? export.to().toString() : query.getFirst("to"));
        Map<String, String> rest = new TreeMap<>();
        query.forEach((name, values) -> {
            if (!NOT_IN_NAME.contains(name) && !FIRST_IN_NAME.contains(name) && !values.isEmpty()) {
                rest.put(name, values.get(0));
            }
        });
        // a period of the answer's own names the file already: a date parameter would only repeat it
        boolean period = export.from() != null || export.to() != null;
        FIRST_IN_NAME.stream().filter(name -> !(period && name.equals("date")))
                .forEach(name -> parts.add(query.getFirst(name)));
        parts.addAll(rest.values());
        return parts;
    }

    private static List<MediaType> produces(Method method) {
        Produces produces = method.getAnnotation(Produces.class);
        if (produces == null) {
            produces = method.getDeclaringClass().getAnnotation(Produces.class);
        }
        if (produces == null) {
            return List.of(MediaType.APPLICATION_JSON_TYPE);
        }
        return Arrays.stream(produces.value()).flatMap(v -> Arrays.stream(v.split(","))).map(String::strip)
                .map(MediaType::valueOf).toList();
    }
}
