package io.ecomanalytics.analytics.rest;

import java.time.LocalDate;

import jakarta.validation.constraints.Size;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.ecomanalytics.analytics.model.SalesFilter;
import io.ecomanalytics.contracts.geo.BrazilianState;
import io.ecomanalytics.contracts.geo.Region;
import io.ecomanalytics.contracts.problem.ApiException;

/**
 * The sales filter every analytic takes, as query parameters: store-zone dates (both inclusive; an open end is the first or
 * last sale), the customer's state or region, the product category. The values' shapes and bounds are checked by contracts'
 * {@code StrictParameters} before they get here; what is left is that {@code from} is not after {@code to}.
 */
public class SalesFilterParams {
    @QueryParam(SalesFilter.FROM)
    @Parameter(description = "First day of the period in the store's zone, inclusive (default: the day of the first sale)", example = "2024-01-01")
    LocalDate from;

    @QueryParam(SalesFilter.TO)
    @Parameter(description = "Last day of the period in the store's zone, inclusive (default: the day of the last sale)", example = "2024-12-31")
    LocalDate to;

    @QueryParam(SalesFilter.STATE)
    @Parameter(description = "Only customers of this Brazilian state (UF)", example = "SP")
    BrazilianState state;

    @QueryParam(SalesFilter.REGION)
    @Parameter(description = "Only customers of this Brazilian region", example = "SUDESTE")
    Region region;

    @QueryParam(SalesFilter.CATEGORY)
    @Size(max = 100)
    @Parameter(description = "Only products of this category (as stored, e.g. the English Olist category)", example = "electronics")
    String category;

    /** The filter, with {@code from} not after {@code to}. */
    public SalesFilter filter() {
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiException.badRequest(SalesFilter.FROM, "from (" + from + ") is after to (" + to + ")");
        }
        return new SalesFilter(from, to, state, region, category == null || category.isBlank() ? null : category.strip());
    }
}
