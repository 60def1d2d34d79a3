package io.ecomanalytics.contracts.api;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.ecomanalytics.contracts.problem.Problem;

/**
 * Completes every service's OpenAPI document with what every operation can answer because of rules shared by all of them
 * (registered as {@code mp.openapi.filter} in contracts' shared configuration): 400 (any operation refuses unknown or bad
 * parameters), 401 and 403 where a token is required, 500, and 503 (a dependency unavailable, a query stopped at the statement
 * timeout); each refusal with the {@code Problem} schema as {@code application/problem+json}. The resources describe only what
 * is particular to them.
 */
public class ProblemResponses implements OASFilter {
    static final String SCHEMA = "Problem";
    private static final String REF = "#/components/schemas/" + SCHEMA;

    // sorted: the documents list the codes in one order from run to run (Map.of's order changes with each JVM), so the
    // committed contract (api/openapi.json) does not churn
    private static final Map<String, String> EVERY_OPERATION = new TreeMap<>(Map.of(
            "400", "Bad request: an unknown, repeated or invalid parameter or body field (named in `field`)",
            "500", "Unexpected failure (the service log has the details under `requestId`)",
            "503", "A server the service needs is unavailable, or the query ran longer than the statement timeout"));
    private static final Map<String, String> SECURED = new TreeMap<>(Map.of(
            "401", "No valid bearer token (missing, expired, tampered, revoked or of another issuer)",
            "403", "The token's role may not call this operation (`detail` names the role needed)"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(SCHEMA, problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                complete(operation, openAPI);
            }
        }
    }

    private static void complete(Operation operation, OpenAPI document) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        EVERY_OPERATION.forEach((code, description) -> addIfMissing(responses, code, description));
        boolean secured = operation.getSecurity() != null
                ? !operation.getSecurity().isEmpty()
                : document.getSecurity() != null && !document.getSecurity().isEmpty();
        if (secured) {
            SECURED.forEach((code, description) -> addIfMissing(responses, code, description));
        }
        responses.getAPIResponses().forEach((code, response) -> {
            if (code.length() == 3 && code.charAt(0) >= '4') {
                response.setContent(problemContent());
            }
        });
    }

    private static void addIfMissing(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            APIResponse response = OASFactory.createAPIResponse().description(description);
            responses.addAPIResponse(code, response);
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF)));
    }

    /** RFC 9457 problem details with the platform's two extension members. */
    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An error as RFC 9457 problem details, with the field at fault and the request id")
                .required(List.of("type", "title", "status"))
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("A URI naming the kind of problem; about:blank for a plain HTTP status"))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The status's reason phrase"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("What went wrong, for a person"))
                .addProperty("instance", text)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The parameter or body field at fault, when one is"))
                .addProperty("requestId", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The call's X-Request-Id: the key to its log lines in every service"));
    }
}
