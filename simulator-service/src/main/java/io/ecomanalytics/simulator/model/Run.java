package io.ecomanalytics.simulator.model;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A simulation or import run as the API shows it.
 *
 * @param counts
 *            rows written per table so far
 * @param elapsedSeconds
 *            from start to finish, or to now while running
 * @param metricsRebuild
 *            for a completed load: {@code done}, {@code pending} (asked, not yet done) or {@code not-requested} (Redis was
 *            unreachable when the load finished)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Run(UUID id, String kind, String status, String phase, BigDecimal percent, Map<String, Long> counts,
        JsonNode parameters, JsonNode result, String error, OffsetDateTime createdAt, OffsetDateTime startedAt,
        OffsetDateTime finishedAt, Double elapsedSeconds, String metricsRebuild) {

    public static final String QUEUED = "QUEUED";
    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";

    public Run withMetricsRebuild(String state) {
        return new Run(id, kind, status, phase, percent, counts, parameters, result, error, createdAt, startedAt,
                finishedAt, elapsedSeconds, state);
    }

    public boolean finished() {
        return COMPLETED.equals(status) || FAILED.equals(status) || CANCELLED.equals(status);
    }
}
