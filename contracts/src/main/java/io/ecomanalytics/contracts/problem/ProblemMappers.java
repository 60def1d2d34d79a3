package io.ecomanalytics.contracts.problem;

import java.util.Comparator;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.ecomanalytics.contracts.api.StrictJson;
import io.ecomanalytics.contracts.security.Roles;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one exception mapper of every service: turns each failure into an {@code application/problem+json} body naming the
 * offending field. Unexpected failures are logged with the request id and answered with a generic 500 that reveals neither
 * exception classes nor stack traces.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        return problem(e.status(), e.getMessage(), e.field(), uri);
    }

    /** No token, or one that failed verification (with proactive authentication off, both arrive here). */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        Response problem = problem(401, "a valid bearer token is required (Authorization: Bearer <token>)", null, uri);
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /** A token whose roles do not reach the operation's: the problem names the role it needs. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, ResourceInfo resource) {
        String needed = neededRole(resource);
        return problem(403, needed == null
                ? "your role may not call this operation"
                : "this operation needs the role '" + needed + "'", null, uri);
    }

    /** The lowest role a resource method admits (roles are cumulative), or null when it names none. */
    private static String neededRole(ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null) {
            return null;
        }
        RolesAllowed allowed = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        if (allowed == null) {
            return null;
        }
        return java.util.Arrays.stream(allowed.value()).filter(Roles.ALL::contains)
                .min(Comparator.comparingInt(Roles.ALL::indexOf)).orElse(null);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        ConstraintViolation<?> first = e.getConstraintViolations().stream()
                .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .orElse(null);
        if (first == null) {
            return problem(400, "invalid request", null, uri);
        }
        String detail = e.getConstraintViolations().stream()
                .map(v -> leaf(v.getPropertyPath()) + " " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return problem(400, detail, leaf(first.getPropertyPath()), uri);
    }

    /** Registered for this exact type: the JSON body reader hands it on only when a mapper claims it. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return problem(400, "unknown field '" + unknown.getPropertyName() + "'", unknown.getPropertyName(), uri);
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            if (e instanceof StrictJson.InvalidValue invalid) {
                return problem(400, invalid.detail(), field, uri);
            }
            return problem(400, "field '" + field + "' has a value of the wrong type or format", field, uri);
        }
        return problem(400, "request body is not valid JSON", "body", uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String detail = status >= 500 || e.getMessage() == null
                ? (type == null ? "error" : type.getReasonPhrase())
                : e.getMessage();
        return problem(status, detail, null, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return problem(500, "internal error; the service log has the details under this request id", null, uri);
    }

    private static String leaf(Path path) {
        String last = null;
        for (Path.Node node : path) {
            last = node.getName();
        }
        return last;
    }

    private static Response problem(int status, String detail, String field, UriInfo uri) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        Object requestId = MDC.get(RequestIds.MDC_KEY);
        Problem body = new Problem("about:blank", title, status, detail, uri.getPath(), field,
                requestId == null ? null : requestId.toString());
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
