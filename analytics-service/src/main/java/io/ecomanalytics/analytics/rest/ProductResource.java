package io.ecomanalytics.analytics.rest;

import java.math.BigDecimal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ecomanalytics.analytics.model.ProductLifecycle;
import io.ecomanalytics.analytics.model.ProductPairs;
import io.ecomanalytics.analytics.model.TopProducts;
import io.ecomanalytics.analytics.repository.ProductRepository;
import io.ecomanalytics.analytics.service.ProductService;
import io.ecomanalytics.contracts.security.Roles;
import io.smallrye.common.annotation.Blocking;

/** Product rankings, lifecycle stages and combinations. */
@Path("/api/v1/analytics/products")
@Tag(name = "products")
@Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.VIEWER)
@Blocking
public class ProductResource {
    private static final String BY = "by";
    private static final String LIMIT = "limit";
    private static final String MIN_SUPPORT = "minSupport";
    private static final int MAX_LIMIT = 1000;

    private final ProductService service;

    public ProductResource(ProductService service) {
        this.service = service;
    }

    @GET
    @Path("top")
    @Operation(summary = "Top products by=quantity|revenue|profit (limit 1-1000, default 10)")
    @APIResponse(responseCode = "200", description = "Products, best first")
    @APIResponse(responseCode = "400", description = "Unknown parameter or ranking, limit out of range, bad date")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "CSV asked for by a viewer")
    public TopProducts top(@Context UriInfo uri) {
        QueryParameters params = QueryParameters.of(uri, BY, LIMIT);
        return service.top(params.filter(), params.oneOf(BY, ProductRepository.RANKINGS.keySet(), "revenue"),
                params.integer(LIMIT, 10, 1, MAX_LIMIT));
    }

    @GET
    @Path("lifecycle")
    @Operation(summary = "Lifecycle stage of every product sold in range from its own monthly sales, counts per stage,"
            + " agreement with recorded stages; lists the limit (default 100) best sellers")
    @APIResponse(responseCode = "200", description = "Stages and agreement")
    @APIResponse(responseCode = "400", description = "Unknown parameter, limit out of range, bad date")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "CSV asked for by a viewer")
    public ProductLifecycle lifecycle(@Context UriInfo uri) {
        QueryParameters params = QueryParameters.of(uri, LIMIT);
        return service.lifecycle(params.filter(), params.integer(LIMIT, 100, 1, MAX_LIMIT));
    }

    @GET
    @Path("combinations")
    @Operation(summary = "Pairs of products bought in the same order: count, support, confidence both ways, lift"
            + " (minSupport 0-1, default 0; limit 1-1000, default 20)")
    @APIResponse(responseCode = "200", description = "Pairs, most frequent first")
    @APIResponse(responseCode = "400", description = "Unknown parameter, minSupport or limit out of range, bad date")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "CSV asked for by a viewer")
    public ProductPairs combinations(@Context UriInfo uri) {
        QueryParameters params = QueryParameters.of(uri, MIN_SUPPORT, LIMIT);
        return service.combinations(params.filter(),
                params.decimal(MIN_SUPPORT, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE),
                params.integer(LIMIT, 20, 1, MAX_LIMIT));
    }
}
