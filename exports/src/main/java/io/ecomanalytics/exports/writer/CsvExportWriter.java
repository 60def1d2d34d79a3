package io.ecomanalytics.exports.writer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import io.ecomanalytics.exports.model.Column;
import io.ecomanalytics.exports.model.Export;
import io.ecomanalytics.exports.model.Section;

/**
 * RFC 4180 CSV (UTF-8, CRLF, header row), values as the JSON answer writes them. One section is one table; several (a nested
 * result that has no flat form) are blocks, each its name on a line of its own, its header and rows, an empty line between.
 */
public class CsvExportWriter implements ExportWriter {

    @Override
    public long write(Export export, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
        List<Section> sections = export.sections().stream().filter(s -> s.inCsv() && !s.columns().isEmpty()).toList();
        long[] rows = {0};
        try {
            for (Section section : sections) {
                if (sections.size() > 1) {
                    if (rows[0] > 0 || section != sections.get(0)) {
                        printer.println();
                    }
                    printer.printRecord(section.name());
                }
                printer.printRecord(section.columns().stream().map(Column::name).toArray());
                String[] cells = new String[section.columns().size()];
                section.rows().forEach(values -> {
                    for (int i = 0; i < cells.length; i++) {
                        cells[i] = i < values.length ? Values.plain(values[i]) : "";
                    }
                    try {
                        printer.printRecord((Object[]) cells);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    rows[0]++;
                });
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        printer.flush();
        return rows[0];
    }
}
