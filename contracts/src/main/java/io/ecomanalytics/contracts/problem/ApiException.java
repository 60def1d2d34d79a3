package io.ecomanalytics.contracts.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * A failure the caller can act on: it becomes a problem-details response with this status and, where one field of the request
 * is at fault, that field's name.
 */
public class ApiException extends WebApplicationException {
    private final int status;
    private final String field;

    public ApiException(int status, String field, String detail) {
        super(detail, status);
        this.status = status;
        this.field = field;
    }

    public static ApiException badRequest(String field, String detail) {
        return new ApiException(Response.Status.BAD_REQUEST.getStatusCode(), field, detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(Response.Status.NOT_FOUND.getStatusCode(), null, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(Response.Status.CONFLICT.getStatusCode(), null, detail);
    }

    public static ApiException unavailable(String detail) {
        return new ApiException(Response.Status.SERVICE_UNAVAILABLE.getStatusCode(), null, detail);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
