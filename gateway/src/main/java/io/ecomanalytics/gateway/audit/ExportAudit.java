package io.ecomanalytics.gateway.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ecomanalytics.gateway.auth.AuditLog;
import io.ecomanalytics.gateway.routing.ClientAddress;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Who exported what: when a proxied answer that a backend marked as an export ({@code X-Export-Analysis}) has been passed on,
 * one {@code export} row goes to the audit log with the user, the analysis, the format, the rows written (the backend's
 * {@code X-Export-Rows} trailer, which follows the last row of a streamed list, or header), the file name, the filter (the
 * query) and the request id. An export cut off before its end is recorded as {@code incomplete}.
 */
@ApplicationScoped
public class ExportAudit {
    /** The audit action of exports. */
    public static final String ACTION = "export";
    static final String ANALYSIS = "X-Export-Analysis";
    static final String ROWS = "X-Export-Rows";

    private final AuditLog audit;
    private final ObjectMapper json;

    public ExportAudit(AuditLog audit, ObjectMapper json) {
        this.audit = audit;
        this.json = json;
    }

    /** Called once a proxied call has ended, {@code complete} when its whole answer reached the caller. */
    public void ended(RoutingContext ctx, String user, String requestId, boolean complete) {
        HttpServerResponse response = ctx.response();
        String analysis = response.headers().get(ANALYSIS);
        if (analysis == null) {
            return;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("analysis", analysis);
        detail.put("format", format(response.headers().get("Content-Type")));
        detail.put("rows", rows(response.trailers(), response.headers()));
        detail.put("file", file(response.headers().get("Content-Disposition")));
        detail.put("path", ctx.request().path());
        Map<String, String> filter = new TreeMap<>();
        ctx.request().params().forEach(p -> filter.merge(p.getKey(), p.getValue(), (a, b) -> a + "," + b));
        detail.put("filter", filter);
        detail.put("status", response.getStatusCode());
        String address = ClientAddress.of(ctx.request());
        String text;
        try {
            text = json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // JDBC never runs on the event loop that passed the answer on
        Infrastructure.getDefaultWorkerPool().execute(() -> audit.record(ACTION, complete ? "ok" : "incomplete", user,
                analysis, address, requestId, text));
        Log.debugf("export %s by %s: %s", analysis, user, text);
    }

    private static Long rows(MultiMap trailers, MultiMap headers) {
        String rows = trailers.get(ROWS) != null ? trailers.get(ROWS) : headers.get(ROWS);
        try {
            return rows == null ? null : Long.valueOf(rows.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String format(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";")[0].strip();
        return switch (type) {
            case "text/csv" -> "csv";
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> "xlsx";
            case "application/pdf" -> "pdf";
            default -> type;
        };
    }

    private static String file(String disposition) {
        if (disposition == null) {
            return null;
        }
        int at = disposition.indexOf("filename=\"");
        int end = at < 0 ? -1 : disposition.indexOf('"', at + 10);
        return end < 0 ? null : disposition.substring(at + 10, end);
    }
}
