package io.ecomanalytics.simulator.imports.csv;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import io.ecomanalytics.contracts.problem.ApiException;

/**
 * Streams the rows of a UTF-8 CSV file with a header, plain or gzip (recognised by its magic bytes, whatever the name). A
 * missing required column, bytes that are not UTF-8, a truncated gzip or malformed CSV become a 400 naming the file, so a bad
 * file is refused before anything is written. The refusals name the file and the columns the import needs, never the file's own
 * bytes.
 */
public final class CsvReader {
    private static final int GZIP_MAGIC = 0x8b1f;
    private static final int BOM = '\uFEFF';
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).build();

    private CsvReader() {
    }

    /** Reads every row of {@code input} into {@code rows}, after checking that the header has the required columns. */
    public static void read(CsvInput input, Collection<String> requiredColumns, Consumer<CsvRow> rows) {
        long row = 0;
        try (Reader reader = open(input); CSVParser parser = FORMAT.parse(reader)) {
            Map<String, Integer> columns = new HashMap<>();
            List<String> header = parser.getHeaderNames();
            for (int i = 0; i < header.size(); i++) {
                columns.put(header.get(i).strip(), i);
            }
            for (String required : requiredColumns) {
                if (!columns.containsKey(required)) {
                    // only the names this import expects: the file's own header line is never echoed
                    throw ApiException.badRequest(input.name(), input.name() + " has no column '" + required
                            + "' (the columns needed: " + String.join(", ", requiredColumns) + ")");
                }
            }
            for (CSVRecord record : parser) {
                row = record.getRecordNumber();
                rows.accept(new CsvRow(input.name(), row, columns, record.values()));
            }
        } catch (IOException | UncheckedIOException e) {
            throw unreadable(input, row, e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
        } catch (IllegalArgumentException e) {
            // Commons CSV's word for a header with a duplicate or empty column name; its message quotes the header
            throw ApiException.badRequest(input.name(), input.name() + " has a header with an empty or repeated column name");
        }
    }

    /** Reads the whole file and drops the rows: proves it can be imported (header, encoding, gzip) before a job starts. */
    public static void check(CsvInput input, Collection<String> requiredColumns) {
        read(input, requiredColumns, r -> {
        });
    }

    private static Reader open(CsvInput input) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(input.path()), 1 << 16);
        in.mark(2);
        int magic = in.read() | (in.read() << 8);
        in.reset();
        if (magic == GZIP_MAGIC) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        // A replacing decoder would load mojibake silently; REPORT turns bad bytes into a refusal.
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        PushbackReader reader = new PushbackReader(new InputStreamReader(in, decoder), 1);
        int first = reader.read();
        // Olist's translation file starts with a byte-order mark that would otherwise glue itself to the first column name.
        if (first != BOM && first != -1) {
            reader.unread(first);
        }
        return reader;
    }

    private static ApiException unreadable(CsvInput input, long lastRow, IOException e) {
        String where = " (after data row " + lastRow + ")";
        if (e instanceof CharacterCodingException) {
            return ApiException.badRequest(input.name(), input.name() + " is not valid UTF-8" + where);
        }
        if (e instanceof EOFException || e instanceof ZipException) {
            return ApiException.badRequest(input.name(), input.name() + " is a truncated or corrupt gzip" + where);
        }
        if (e.getMessage() != null && e.getMessage().contains("EOF reached before encapsulated token finished")) {
            return ApiException.badRequest(input.name(), input.name() + " ends inside a quoted field" + where);
        }
        // any other malformed CSV (a character after a closing quote, ...): Commons CSV's message would quote the file
        return ApiException.badRequest(input.name(), input.name() + " is not a well-formed CSV file" + where);
    }
}
