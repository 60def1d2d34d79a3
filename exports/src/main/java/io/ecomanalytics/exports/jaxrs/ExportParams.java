package io.ecomanalytics.exports.jaxrs;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.ecomanalytics.exports.model.ExportFormat;

/**
 * The {@code format} query parameter of every operation that offers exports ({@code @BeanParam ExportParams export}): declared
 * here once, so contracts' strict parameter check accepts it exactly where exports are offered and refuses any other value, and
 * the OpenAPI document shows it on those operations. {@link ExportNegotiation} reads it.
 */
public class ExportParams {
    /** The query parameter's name. */
    public static final String FORMAT = "format";

    @QueryParam(FORMAT)
    @Parameter(description = "Export instead of JSON (analyst and up): csv, xlsx or pdf, in any letter case; overrides the"
            + " Accept header. The file comes as an attachment named after the analysis and the filter.", schema = @Schema(type = SchemaType.STRING, enumeration = {
                    "csv", "xlsx", "pdf"}))
    ExportFormat format;

    public ExportFormat format() {
        return format;
    }
}
