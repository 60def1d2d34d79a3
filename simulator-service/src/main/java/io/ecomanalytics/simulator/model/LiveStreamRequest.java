package io.ecomanalytics.simulator.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Starts the live order stream: this many orders per second for this many seconds. */
@Schema(example = "{\"ordersPerSecond\": 5, \"durationSeconds\": 60}")
public record LiveStreamRequest(
        @NotNull @Min(1) @Max(500) @Schema(description = "Orders placed per second", example = "5", required = true) Integer ordersPerSecond,
        @NotNull @Min(1) @Max(86_400) @Schema(description = "Seconds the stream runs; it places exactly ordersPerSecond x durationSeconds orders", example = "60", required = true) Integer durationSeconds) {
}
