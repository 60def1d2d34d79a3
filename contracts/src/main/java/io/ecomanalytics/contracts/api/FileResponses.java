package io.ecomanalytics.contracts.api;

import java.util.Locale;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Describes the files an operation answers (CSV, Excel, PDF: any success media type that is neither JSON nor an event stream)
 * as binary strings. SmallRye gives every type a method produces the schema of its return type, which told client generators
 * that a PDF is a JSON object: a generated client then parsed a file as JSON, and Swagger UI offered no download.
 * <p>
 * Found by Quarkus through its annotation, so it runs beside the one {@code mp.openapi.filter} ({@link ProblemResponses}).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class FileResponses implements OASFilter {
    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
                    continue;
                }
                operation.getResponses().getAPIResponses().forEach((code, response) -> {
                    if (code.startsWith("2") && response.getContent() != null
                            && response.getContent().getMediaTypes() != null) {
                        response.getContent().getMediaTypes().forEach(FileResponses::describeFile);
                    }
                });
            }
        }
    }

    private static void describeFile(String type, MediaType media) {
        if (isFile(type)) {
            media.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("binary"));
        }
    }

    /** Whether a media type of a success answer is a file rather than a JSON body or a stream of events. */
    static boolean isFile(String mediaType) {
        String type = mediaType.toLowerCase(Locale.ROOT);
        int parameters = type.indexOf(';');
        if (parameters >= 0) {
            type = type.substring(0, parameters).strip();
        }
        return !type.equals("application/json") && !type.endsWith("+json") && !type.equals("text/event-stream");
    }
}
