package io.ecomanalytics.gateway.audit;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;

/** One row of the audit log: what happened, to whom, by whom, from where, in which call, and its details. */
public record AuditEntry(long id, OffsetDateTime at, String action, String outcome, String actor, String subject,
        String address, String requestId, JsonNode detail) {
}
