package io.ecomanalytics.analytics.cache;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Documents what {@link HttpCaching} adds to every analytics GET: the 304 for a matching {@code If-None-Match}, the
 * {@code ETag} and {@code Cache-Control} of a 200, and {@code dataAsOf} beside the members of a JSON answer (as {@code allOf},
 * so that the answer's own schema, also used inside other answers, stays as it is).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class CachingDocumentation implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            Operation get = item.getGET();
            if (get != null && get.getResponses() != null) {
                document(get);
            }
        }
    }

    private static void document(Operation get) {
        get.getResponses().addAPIResponse("304", OASFactory.createAPIResponse().description(
                "Not modified: `If-None-Match` named this answer's ETag (same data version, same request); no body"));
        APIResponse ok = get.getResponses().getAPIResponse("200");
        if (ok == null) {
            return;
        }
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        ok.addHeader("ETag", OASFactory.createHeader().schema(text).description(
                "Weak tag of the data version and the request: send it back as If-None-Match"));
        ok.addHeader("Cache-Control", OASFactory.createHeader().schema(text)
                .description("private, max-age=ANALYTICS_CACHE_MAX_AGE (files: no-store)"));
        if (ok.getContent() == null) {
            return;
        }
        MediaType json = ok.getContent().getMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON);
        if (json == null || json.getSchema() == null) {
            return;
        }
        Schema dataAsOf = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).addProperty("dataAsOf",
                OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("date-time").description(
                        "When the data this answer was computed from last changed (the sales mart's last refresh); null"
                                + " while no writer has built the mart"));
        json.setSchema(OASFactory.createSchema().addAllOf(json.getSchema()).addAllOf(dataAsOf));
    }
}
