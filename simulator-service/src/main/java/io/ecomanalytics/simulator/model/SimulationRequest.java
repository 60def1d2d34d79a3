package io.ecomanalytics.simulator.model;

import java.time.LocalDate;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.ecomanalytics.simulator.generator.Profile;

/**
 * A request for a simulated data set; every field is optional (defaults: the original design's 5 years x 2000 customers x 200
 * products, seed 42, 0.5% fraud, 15% CAGR, 5 years of trading before the start, ending today, appended to what is there).
 *
 * @param warmUpYears
 *            years the store traded before {@code startDate}: their customers buy in the data too, so yearly orders grow with
 *            the CAGR from the first year; 0 gives only customers acquired within the data (no left-truncated ones)
 */
@Schema(example = "{\"years\": 5, \"customersPerYear\": 2000, \"productsPerYear\": 200, \"seed\": 42, \"warmUpYears\": 5,"
        + " \"replace\": true}")
public record SimulationRequest(
        @Min(1) @Max(20) Integer years,
        @Min(1) @Max(5_000_000) Integer customersPerYear,
        @Min(1) @Max(100_000) Integer productsPerYear,
        @PastOrPresent LocalDate startDate,
        Long seed,
        @DecimalMin("0") @DecimalMax("0.2") Double fraudRate,
        @Pattern(regexp = Profile.PATTERN, message = "must be one of " + Profile.PATTERN) String profile,
        @DecimalMin("-0.5") @DecimalMax("2") Double cagr,
        @Min(0) @Max(10) Integer warmUpYears,
        Boolean replace) {
}
