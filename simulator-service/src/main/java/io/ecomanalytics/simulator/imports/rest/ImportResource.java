package io.ecomanalytics.simulator.imports.rest;

import java.net.URI;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.simulator.imports.ImportJobs;
import io.ecomanalytics.simulator.imports.ImportJobs.RunView;
import io.ecomanalytics.simulator.imports.ImportOptions;
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
 * encoding, gzip) before the job starts, so a bad file is a 400 and nothing is queued.
 */
@Path("/api/v1/imports")
@Tag(name = "imports")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
@Blocking
public class ImportResource {
    private static final int LIST_LIMIT = 50;

    private final ImportJobs jobs;
    private final OlistImporter olist;
    private final OrderLinesImporter orderLines;
    private final ObjectMapper json;

    public ImportResource(ImportJobs jobs, OlistImporter olist, OrderLinesImporter orderLines, ObjectMapper json) {
        this.jobs = jobs;
        this.olist = olist;
        this.orderLines = orderLines;
        this.json = json;
    }

    public record OlistRequest(String directory, boolean replace) {
    }

    public record OrderLinesRequest(String path, Map<String, String> mapping, String dateFormat, boolean replace) {
    }

    @POST
    @Path("/olist")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import the Olist CSV files (.csv or .csv.gz) of a folder on the server")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "folder", value = "{\"directory\": \"/data/olist\", \"replace\": true}")))
    @APIResponse(responseCode = "202", description = "Import queued; Location names it")
    @APIResponse(responseCode = "400", description = "No such folder, a missing file, a bad file")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Response olistFromDirectory(OlistRequest request) {
        if (request == null) {
            throw ApiException.badRequest("directory", "a JSON body with the directory is required");
        }
        OlistSource source = OlistSource.fromDirectory(request.directory());
        source.check();
        return accepted(jobs.submit(OlistImporter.KIND, request,
                (progress, cancelled) -> olist.run(source, new ImportOptions(request.replace()), progress, cancelled),
                () -> {
                }));
    }

    @POST
    @Path("/olist")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Import uploaded Olist CSV files, one part per file named after it (olist_orders_dataset.csv[.gz], …)")
    @APIResponse(responseCode = "202", description = "Import queued; Location names it")
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
    @Operation(summary = "Import an order-lines CSV (UCI Online Retail shape) from a path on the server")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Online Retail II", value = "{\"path\": \"/data/online_retail_II.csv.gz\", \"mapping\": {\"invoice\": \"Invoice\", \"unitPrice\": \"Price\", \"customerId\": \"Customer ID\"}, \"dateFormat\": \"yyyy-MM-dd HH:mm:ss\", \"replace\": false}")))
    @APIResponse(responseCode = "202", description = "Import queued; Location names it")
    @APIResponse(responseCode = "400", description = "No such file, a bad mapping or date format, a bad file")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Response orderLinesFromPath(OrderLinesRequest request) {
        if (request == null) {
            throw ApiException.badRequest("path", "a JSON body with the path is required");
        }
        CsvInput input = Uploads.serverFile(request.path());
        OrderLinesOptions options = new OrderLinesOptions(request.replace(),
                OrderLinesMapping.withOverrides(request.mapping()), OrderLinesOptions.dateFormat(request.dateFormat()));
        OrderLinesImporter.check(input, options);
        return accepted(jobs.submit(OrderLinesImporter.KIND, request,
                (progress, cancelled) -> orderLines.run(input, options, progress, cancelled), () -> {
                }));
    }

    @POST
    @Path("/order-lines")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Import an uploaded order-lines CSV (part 'file'; optional fields replace, dateFormat, mapping as JSON)")
    @APIResponse(responseCode = "202", description = "Import queued; Location names it")
    @APIResponse(responseCode = "400", description = "No file, a bad mapping or date format, a bad file")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Response orderLinesUpload(@RestForm("file") FileUpload file, @RestForm @DefaultValue("false") boolean replace,
            @RestForm String dateFormat, @RestForm String mapping) {
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
    @Operation(summary = "An import's status, progress and, once finished, its report")
    @APIResponse(responseCode = "200", description = "The import")
    @APIResponse(responseCode = "404", description = "No such import")
    public RunView get(@PathParam("id") UUID id) {
        return jobs.find(id).orElseThrow(() -> ApiException.notFound("no import " + id));
    }

    @GET
    @Operation(summary = "The latest imports, newest first")
    @APIResponse(responseCode = "200", description = "The imports")
    public List<RunView> list(@QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > LIST_LIMIT) {
            throw ApiException.badRequest("limit", "limit must be between 1 and " + LIST_LIMIT);
        }
        return jobs.list(limit);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Cancel a queued or running import; it rolls back and loads nothing")
    @APIResponse(responseCode = "202", description = "Cancellation requested")
    @APIResponse(responseCode = "404", description = "No such import")
    @APIResponse(responseCode = "409", description = "The import has already ended")
    public Response cancel(@PathParam("id") UUID id) {
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
