package io.ecomanalytics.analytics.rest;

import java.math.BigDecimal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.ecomanalytics.analytics.cache.CachedAnswer;
import io.ecomanalytics.analytics.model.ProductLifecycle;
import io.ecomanalytics.analytics.model.ProductPairs;
import io.ecomanalytics.analytics.model.TopProducts;
import io.ecomanalytics.analytics.service.ProductService;
import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.exports.jaxrs.ExportParams;
import io.ecomanalytics.exports.model.ExportFormat;
import io.smallrye.common.annotation.Blocking;

/** Product rankings, lifecycle stages and combinations. */
@Path("/api/v1/analytics/products")
@Tag(name = "products")
@Produces({MediaType.APPLICATION_JSON, ExportFormat.CSV_TYPE, ExportFormat.XLSX_TYPE, ExportFormat.PDF_TYPE})
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.VIEWER)
@Blocking
public class ProductResource {
    private static final String LIMIT = "limit";
    private static final int MAX_LIMIT = 1000;

    private final ProductService service;

    public ProductResource(ProductService service) {
        this.service = service;
    }

    @CachedAnswer(keepsComputed = false)
    @GET
    @Path("top")
    @Operation(operationId = "topProducts", summary = "Top products by quantity, revenue or profit")
    @APIResponse(responseCode = "200", description = "Products, best first")
    @APIResponse(responseCode = "400", description = "Unknown parameter or ranking, limit out of range, bad date")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "An export (CSV, Excel, PDF) asked for by a viewer")
    public TopProducts top(@BeanParam SalesFilterParams filter, @BeanParam ExportParams export,
            @QueryParam("by") @DefaultValue("revenue") @Parameter(description = "What ranks the products", schema = @Schema(enumeration = {
                    "quantity", "revenue", "profit"})) String by,
            @QueryParam(LIMIT) @DefaultValue("10") @Min(1) @Max(MAX_LIMIT) @Parameter(description = "How many products") int limit) {
        return service.top(filter.filter(), by, limit);
    }

    @CachedAnswer(keepsComputed = false)
    @GET
    @Path("lifecycle")
    @Operation(operationId = "productLifecycle", summary = "Lifecycle stage of every product sold in range from its own"
            + " sales, counts per stage, agreement with recorded stages; lists the best sellers", description = "The stage"
                    + " on `to` with the most posterior mass under the classic lifecycle curve (introduction, growth, maturity,"
                    + " decline, discontinued) fitted to the product's weekly units against the store's, its launch and"
                    + " lifetime unknown. Each product also carries its units in the last 120 days and the 120 before, with the"
                    + " store's.")
    @APIResponse(responseCode = "200", description = "Stages and agreement")
    @APIResponse(responseCode = "400", description = "Unknown parameter, limit out of range, bad date")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "An export (CSV, Excel, PDF) asked for by a viewer")
    public ProductLifecycle lifecycle(@BeanParam SalesFilterParams filter, @BeanParam ExportParams export,
            @QueryParam(LIMIT) @DefaultValue("100") @Min(1) @Max(MAX_LIMIT) @Parameter(description = "How many products"
                    + " to list (best sellers first); the counts cover every product") int limit) {
        return service.lifecycle(filter.filter(), limit);
    }

    @CachedAnswer(keepsComputed = false)
    @GET
    @Path("combinations")
    @Operation(operationId = "productCombinations", summary = "Pairs of products bought in the same order: count,"
            + " support, confidence both ways, lift")
    @APIResponse(responseCode = "200", description = "Pairs, most frequent or highest lift first")
    @APIResponse(responseCode = "400", description = "Unknown parameter, minSupport or limit out of range, bad date")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "An export (CSV, Excel, PDF) asked for by a viewer")
    public ProductPairs combinations(@BeanParam SalesFilterParams filter, @BeanParam ExportParams export,
            @QueryParam("minSupport") @DefaultValue("0") @DecimalMin("0") @DecimalMax("1") @Parameter(description = "Least"
                    + " share of orders a pair must appear in", example = "0.001") BigDecimal minSupport,
            @QueryParam("minOrders") @Min(1) @Parameter(description = "Least number of orders a pair must appear in"
                    + " (default 1 by orders, 3 by lift: the lift of a pair seen once or twice mostly says both products are rare)", example = "3") Long minOrders,
            @QueryParam("sort") @DefaultValue(ProductPairs.ORDERS) @Parameter(description = "Most frequent first (orders)"
                    + " or highest lift first (lift)", schema = @Schema(enumeration = {ProductPairs.ORDERS,
                            ProductPairs.LIFT})) String sort,
            @QueryParam(LIMIT) @DefaultValue("20") @Min(1) @Max(MAX_LIMIT) @Parameter(description = "How many pairs") int limit) {
        if (!ProductPairs.ORDERS.equals(sort) && !ProductPairs.LIFT.equals(sort)) {
            throw ApiException.badRequest("sort", "sort must be orders or lift");
        }
        return service.combinations(filter.filter(), minSupport, minOrders, sort, limit);
    }
}
