package io.ecomanalytics.analytics.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import io.ecomanalytics.analytics.model.CsvExportable;
import io.ecomanalytics.analytics.model.CsvTable;

/** Writes any {@link CsvExportable} response as RFC 4180 CSV (UTF-8, header row, CRLF) for {@code Accept: text/csv}. */
@Provider
@Produces(CsvBodyWriter.TEXT_CSV)
public class CsvBodyWriter implements MessageBodyWriter<CsvExportable> {
    public static final String TEXT_CSV = "text/csv";

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return CsvExportable.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(CsvExportable body, Class<?> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        CsvTable table = body.toCsv();
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer,
                CSVFormat.RFC4180.builder().setHeader(table.header().toArray(String[]::new)).build());
        for (List<Object> row : table.rows()) {
            printer.printRecord(row);
        }
        printer.flush();
    }
}
