package io.ecomanalytics.contracts.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileResponsesTest {
    private static final String REPORT = "#/components/schemas/Report";

    @ParameterizedTest
    @CsvSource({"text/csv, true", "application/pdf, true",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, true",
            "application/json, false", "application/problem+json, false", "application/json; charset=UTF-8, false",
            "text/event-stream, false", "Application/JSON, false"})
    void tellsFilesFromJsonAndEventStreams(String mediaType, boolean file) {
        assertThat(FileResponses.isFile(mediaType)).isEqualTo(file);
    }

    @Test
    void describesTheFilesOfASuccessAsBinaryAndLeavesJsonAndRefusalsAlone() {
        OpenAPI document = OASFactory.createOpenAPI().paths(OASFactory.createPaths().addPathItem("/report",
                OASFactory.createPathItem().GET(OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                        .addAPIResponse("200", OASFactory.createAPIResponse().content(OASFactory.createContent()
                                .addMediaType("application/json", media()).addMediaType("text/csv", media())
                                .addMediaType("application/pdf", media())))
                        .addAPIResponse("406", OASFactory.createAPIResponse().content(OASFactory.createContent()
                                .addMediaType("text/plain", media())))))));

        new FileResponses().filterOpenAPI(document);

        var responses = document.getPaths().getPathItem("/report").getGET().getResponses();
        Content ok = responses.getAPIResponse("200").getContent();
        assertThat(ok.getMediaType("application/json").getSchema().getRef()).isEqualTo(REPORT);
        for (String file : new String[]{"text/csv", "application/pdf"}) {
            Schema schema = ok.getMediaType(file).getSchema();
            assertThat(schema.getRef()).as(file).isNull();
            assertThat(schema.getType()).as(file).containsExactly(Schema.SchemaType.STRING);
            assertThat(schema.getFormat()).as(file).isEqualTo("binary");
        }
        assertThat(responses.getAPIResponse("406").getContent().getMediaType("text/plain").getSchema().getRef())
                .isEqualTo(REPORT);
    }

    private static org.eclipse.microprofile.openapi.models.media.MediaType media() {
        return OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REPORT));
    }
}
