package io.ecomanalytics.exports.writer;

import java.io.IOException;
import java.io.OutputStream;

import io.ecomanalytics.exports.model.Export;
import io.ecomanalytics.exports.model.ExportFormat;

/** Writes an export in one format, reading each section's rows once, and says how many rows it wrote. */
public interface ExportWriter {
    long write(Export export, OutputStream out) throws IOException;

    static ExportWriter of(ExportFormat format) {
        return switch (format) {
            case CSV -> new CsvExportWriter();
            case XLSX -> new XlsxExportWriter();
            case PDF -> new PdfExportWriter();
        };
    }
}
