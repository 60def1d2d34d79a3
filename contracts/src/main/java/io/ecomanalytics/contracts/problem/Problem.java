package io.ecomanalytics.contracts.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An error body as RFC 9457 "problem details", with two extension members: {@code field}, the request field or parameter at
 * fault, and {@code requestId}, the correlation id of the call.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field,
        String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
