package io.ecomanalytics.simulator.imports.rest;

import java.net.URI;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.simulator.imports.ImportJobs;
import io.ecomanalytics.simulator.imports.ImportJobs.RunView;
import io.ecomanalytics.simulator.imports.ImportOptions;
import io.ecomanalytics.simulator.imports.ImportRoot;
import io.ecomanalytics.simulator.imports.csv.CsvInput;
import io.ecomanalytics.simulator.imports.olist.OlistFile;
import io.ecomanalytics.simulator.imports.olist.OlistImporter;
import io.ecomanalytics.simulator.imports.olist.OlistSource;
import io.ecomanalytics.simulator.imports.orderlines.OrderLinesImporter;
import io.ecomanalytics.simulator.imports.orderlines.OrderLinesMapping;
import io.ecomanalytics.simulator.imports.orderlines.OrderLinesOptions;
import io.smallrye.common.annotation.Blocking;

/**
 * Starts Olist and order-lines imports as jobs (202 + {@code Location}), shows and cancels them. Files are checked (columns,
 * encoding, gzip) before the job starts, so a bad file is a 400 and nothing is queued. A JSON import reads only files inside
 * the imports root ({@link ImportRoot}); uploads are copied to a folder of their own.
 */
@Path("/api/v1/imports")
@Tag(name = "imports")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
@Blocking
public class ImportResource {
    // The JSON and multipart variants of an import share a path and method, so OpenAPI shows them as one operation (both
    // request bodies): each pair carries the same operationId and summary, whichever the document is built from.
    private static final String OLIST_SUMMARY = "Import the Olist CSV files (.csv or .csv.gz): JSON {directory, replace} naming a folder inside the imports folder (IMPORTS_ROOT), or multipart uploads, one part per file named after it (olist_orders_dataset.csv[.gz], …) and an optional field replace";
    private static final String ORDER_LINES_SUMMARY = "Import an order-lines CSV (UCI Online Retail shape): JSON {path, mapping, dateFormat, replace} naming a file inside the imports folder (IMPORTS_ROOT), or a multipart upload (part 'file'; optional fields replace, dateFormat, mapping as JSON)";
    private static final int LIST_LIMIT = 50;
    private static final int MAX_MAPPED_FIELDS = 8;
    private static final int MAX_COLUMN_NAME = 100;
    private static final int MAX_DATE_FORMAT = 64;
    private static final int MAX_MAPPING_TEXT = 2000;

    private final ImportJobs jobs;
    private final OlistImporter olist;
    private final OrderLinesImporter orderLines;
    private final ObjectMapper json;
    private final ImportRoot root;

    public ImportResource(ImportJobs jobs, OlistImporter olist, OrderLinesImporter orderLines, ObjectMapper json,
            ImportRoot root) {
        this.jobs = jobs;
        this.olist = olist;
        this.orderLines = orderLines;
        this.json = json;
        this.root = root;
    }

    /**
     * An Olist import of a folder inside the imports root. The folder's text is read as it is (control characters included), so
     * that every wrong folder gets {@link ImportRoot}'s one answer.
     */
    public record OlistRequest(
            @Schema(description = "The folder holding the Olist files, relative to the imports folder (IMPORTS_ROOT)", example = "olist", maxLength = ImportRoot.MAX_PATH_LENGTH, required = true) @JsonDeserialize(using = StringDeserializer.class) String directory,
            @Schema(description = "Empty the store first") boolean replace) {
    }

    /** An order-lines import of a file inside the imports root; its path is read as it is, like {@link OlistRequest}'s. */
    public record OrderLinesRequest(
            @Schema(description = "The CSV file (plain or gzip), relative to the imports folder (IMPORTS_ROOT)", example = "online_retail.csv.gz", maxLength = ImportRoot.MAX_PATH_LENGTH, required = true) @JsonDeserialize(using = StringDeserializer.class) String path,
            @Size(max = MAX_MAPPED_FIELDS) @Schema(description = "The column of each field whose column differs from the UCI header (fields: invoice, stockCode, description, quantity, invoiceDate, unitPrice, customerId, country)") Map<String, @Size(max = MAX_COLUMN_NAME) String> mapping,
            @Size(max = MAX_DATE_FORMAT) @Schema(description = "java.time pattern of the invoice dates", example = OrderLinesOptions.DEFAULT_DATE_FORMAT) String dateFormat,
            @Schema(description = "Empty the store first") boolean replace) {
    }

    @POST
    @Path("/olist")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "importOlist", summary = OLIST_SUMMARY)
    @RequestBody(content = @Content(examples = @ExampleObject(name = "folder", value = "{\"directory\": \"olist\", \"replace\": true}")))
    @APIResponse(responseCode = "202", description = "Import queued; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)), headers = @Header(name = "Location", description = "The import's address, /api/v1/imports/{id}", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "No such folder inside the imports folder (one answer for every wrong folder), a missing file, a bad file")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "503", description = "Too many imports waiting")
    public Response olistFromDirectory(@Valid OlistRequest request) {
        if (request == null) {
            throw ApiException.badRequest("directory", "a JSON body with the directory is required");
        }
        OlistSource source = OlistSource.fromFiles(root.filesIn("directory", request.directory()));
        source.check();
        return accepted(jobs.submit(OlistImporter.KIND, request,
                (progress, cancelled) -> olist.run(source, new ImportOptions(request.replace()), progress, cancelled),
                () -> {
                }));
    }

    @POST
    @Path("/olist")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "importOlist", summary = OLIST_SUMMARY)
    @APIResponse(responseCode = "202", description = "Import queued; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)), headers = @Header(name = "Location", description = "The import's address, /api/v1/imports/{id}", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "An unknown part, a missing file, a bad file")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Response olistUpload(@RestForm(FileUpload.ALL) List<FileUpload> uploads,
            @RestForm @DefaultValue("false") boolean replace) {
        var dir = Uploads.tempDir();
        try {
            Map<OlistFile, CsvInput> files = new EnumMap<>(OlistFile.class);
            for (FileUpload upload : uploads) {
                OlistFile f = OlistFile.forName(upload.name()).or(() -> OlistFile.forName(upload.fileName()))
                        .orElseThrow(() -> ApiException.badRequest(upload.name(),
                                "not an Olist file: " + upload.name() + " (parts are named after the files, e.g. "
                                        + OlistFile.ORDERS.baseName() + ".csv.gz)"));
                files.put(f, new CsvInput(upload.name(), Uploads.keep(upload, dir, f.baseName())));
            }
            OlistSource source = new OlistSource(files);
            source.check();
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("files", files.values().stream().map(CsvInput::name).toList());
            parameters.put("replace", replace);
            return accepted(jobs.submit(OlistImporter.KIND, parameters,
                    (progress, cancelled) -> olist.run(source, new ImportOptions(replace), progress, cancelled),
                    () -> Uploads.delete(dir)));
        } catch (RuntimeException e) {
            Uploads.delete(dir);
            throw e;
        }
    }

    @POST
    @Path("/order-lines")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "importOrderLines", summary = ORDER_LINES_SUMMARY)
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Online Retail II", value = "{\"path\": \"online_retail_II.csv.gz\", \"mapping\": {\"invoice\": \"Invoice\", \"unitPrice\": \"Price\", \"customerId\": \"Customer ID\"}, \"dateFormat\": \"yyyy-MM-dd HH:mm:ss\", \"replace\": false}")))
    @APIResponse(responseCode = "202", description = "Import queued; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)), headers = @Header(name = "Location", description = "The import's address, /api/v1/imports/{id}", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "No such file inside the imports folder (one answer for every wrong path), a bad mapping or date format, a bad file")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "503", description = "Too many imports waiting")
    public Response orderLinesFromPath(@Valid OrderLinesRequest request) {
        if (request == null) {
            throw ApiException.badRequest("path", "a JSON body with the path is required");
        }
        OrderLinesOptions options = new OrderLinesOptions(request.replace(),
                OrderLinesMapping.withOverrides(request.mapping()), OrderLinesOptions.dateFormat(request.dateFormat()));
        var file = root.file("path", request.path());
        CsvInput input = new CsvInput(file.getFileName().toString(), file);
        OrderLinesImporter.check(input, options);
        return accepted(jobs.submit(OrderLinesImporter.KIND, request,
                (progress, cancelled) -> orderLines.run(input, options, progress, cancelled), () -> {
                }));
    }

    @POST
    @Path("/order-lines")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "importOrderLines", summary = ORDER_LINES_SUMMARY)
    @APIResponse(responseCode = "202", description = "Import queued; Location names it", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)), headers = @Header(name = "Location", description = "The import's address, /api/v1/imports/{id}", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "No file, a bad mapping or date format, a bad file")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "503", description = "Too many imports waiting")
    public Response orderLinesUpload(@RestForm("file") FileUpload file, @RestForm @DefaultValue("false") boolean replace,
            @RestForm @Size(max = MAX_DATE_FORMAT) String dateFormat,
            @RestForm @Size(max = MAX_MAPPING_TEXT) String mapping) {
        if (file == null) {
            throw ApiException.badRequest("file", "the order-lines file is missing (multipart part 'file')");
        }
        OrderLinesOptions options = new OrderLinesOptions(replace, OrderLinesMapping.withOverrides(mapping(mapping)),
                OrderLinesOptions.dateFormat(dateFormat));
        var dir = Uploads.tempDir();
        try {
            String name = Uploads.name(file, "order-lines.csv");
            CsvInput input = new CsvInput(name, Uploads.keep(file, dir, "order-lines"));
            OrderLinesImporter.check(input, options);
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("file", name);
            parameters.put("replace", replace);
            parameters.put("mapping", options.mapping().asMap());
            return accepted(jobs.submit(OrderLinesImporter.KIND, parameters,
                    (progress, cancelled) -> orderLines.run(input, options, progress, cancelled), () -> Uploads.delete(dir)));
        } catch (RuntimeException e) {
            Uploads.delete(dir);
            throw e;
        }
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getImport", summary = "An import's status, progress and, once finished, its report")
    @APIResponse(responseCode = "200", description = "The import")
    @APIResponse(responseCode = "400", description = "id is not a UUID, or an unknown parameter")
    @APIResponse(responseCode = "404", description = "No such import")
    public RunView get(
            @PathParam("id") @Parameter(description = "The import's id (from Location)", example = "3f1c2a9e-5b7d-4e2a-9c1f-0a8b6d4e2f10") UUID id) {
        return jobs.find(id).orElseThrow(() -> ApiException.notFound("no import " + id));
    }

    @GET
    @Operation(operationId = "listImports", summary = "The latest imports, newest first")
    @APIResponse(responseCode = "200", description = "The imports")
    @APIResponse(responseCode = "400", description = "limit outside 1-50, or an unknown parameter")
    public List<RunView> list(
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(LIST_LIMIT) @Parameter(description = "How many imports", example = "20") int limit) {
        return jobs.list(limit);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "cancelImport", summary = "Cancel a queued or running import; it rolls back and loads nothing")
    @APIResponse(responseCode = "202", description = "Cancellation requested", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "400", description = "id is not a UUID, or an unknown parameter")
    @APIResponse(responseCode = "404", description = "No such import")
    @APIResponse(responseCode = "409", description = "The import has already ended")
    public Response cancel(
            @PathParam("id") @Parameter(description = "The import's id (from Location)", example = "3f1c2a9e-5b7d-4e2a-9c1f-0a8b6d4e2f10") UUID id) {
        return Response.accepted(jobs.cancel(id)).build();
    }

    private static Response accepted(RunView run) {
        return Response.accepted(run).location(URI.create("/api/v1/imports/" + run.id())).build();
    }

    private Map<String, String> mapping(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(text, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("mapping", "mapping must be a JSON object of field to column names");
        }
    }
}
