package io.ecomanalytics.exports.jaxrs;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

import io.ecomanalytics.exports.model.Export;
import io.ecomanalytics.exports.model.ExportFormat;
import io.ecomanalytics.exports.writer.ExportWriter;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes an {@link Export} in the negotiated format and, after the last row, the trailer {@link ExportNegotiation#ROWS} with
 * the number of rows written (known only then: a whole list is streamed). The answer is chunked so the trailer can follow it.
 */
@Provider
@Produces({ExportFormat.CSV_TYPE, ExportFormat.XLSX_TYPE, ExportFormat.PDF_TYPE})
public class ExportBodyWriter implements MessageBodyWriter<Export> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Export.class.isAssignableFrom(type) && ExportFormat.ofMediaType(mediaType) != null;
    }

    @Override
    public void writeTo(Export export, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        long rows = ExportWriter.of(ExportFormat.ofMediaType(mediaType)).write(export, out);
        HttpServerResponse response = response();
        if (response != null && !response.ended()) {
            // sends the head without a length, so the answer is chunked and its last chunk can carry the trailer
            out.flush();
            if (response.isChunked()) {
                response.trailers().set(ExportNegotiation.ROWS, Long.toString(rows));
            }
        }
    }

    private static HttpServerResponse response() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        CurrentVertxRequest current = Arc.container().instance(CurrentVertxRequest.class).get();
        RoutingContext call = current == null ? null : current.getCurrent();
        return call == null ? null : call.response();
    }
}
