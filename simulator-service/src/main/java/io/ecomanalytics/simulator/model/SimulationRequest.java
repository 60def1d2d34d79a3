package io.ecomanalytics.simulator.model;

import java.time.LocalDate;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

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
        @Min(1) @Max(20) @Schema(description = "Years of orders", example = "5") Integer years,
        @Min(1) @Max(5_000_000) @Schema(description = "Customers acquired in the first year (later years grow with the CAGR)", example = "2000") Integer customersPerYear,
        @Min(1) @Max(100_000) @Schema(description = "Products launched per year", example = "200") Integer productsPerYear,
        @PastOrPresent @Schema(description = "First day of the data (store time zone); inside the API's date window, not in the future; default: today minus years", example = "2021-01-01") LocalDate startDate,
        @Min(0) @Max(MAX_SEED) @Schema(description = "Seed of every random stream: the same seed gives the same data", example = "42") Long seed,
        @DecimalMin("0") @DecimalMax("0.2") @Schema(description = "Share of fraudulent orders", example = "0.005") Double fraudRate,
        @Size(max = 20) @Pattern(regexp = Profile.PATTERN, message = "must be one of "
                + Profile.PATTERN) @Schema(description = "How customers buy", enumeration = {
                        "default", "olist-like"}) String profile,
        @DecimalMin("-0.5") @DecimalMax("2") @Schema(description = "Yearly growth of new customers", example = "0.15") Double cagr,
        @Min(0) @Max(10) @Schema(description = "Years the store traded before startDate", example = "5") Integer warmUpYears,
        @Schema(description = "Empty the store first") Boolean replace){

    /** The largest seed: 2^53 - 1, the largest whole number every JSON client reads exactly. */
    public static final long MAX_SEED = 9_007_199_254_740_991L;
}
