package io.ecomanalytics.simulator.imports.olist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.simulator.imports.csv.CsvInput;
import io.ecomanalytics.simulator.imports.csv.CsvReader;

/** The Olist files of one import, by role; every mandatory file is present. */
public record OlistSource(Map<OlistFile, CsvInput> files) {

    public OlistSource {
        for (OlistFile f : OlistFile.values()) {
            if (f.mandatory() && !files.containsKey(f)) {
                throw ApiException.badRequest(f.baseName() + ".csv", "the Olist import needs " + f.baseName()
                        + ".csv (or .csv.gz); it was given " + files.keySet());
            }
        }
        files = Map.copyOf(files);
    }

    public Optional<CsvInput> file(OlistFile f) {
        return Optional.ofNullable(files.get(f));
    }

    /** The Olist files found in a server-side folder, {@code .csv} or {@code .csv.gz}. */
    public static OlistSource fromDirectory(String directory) {
        Path dir = directory == null ? null : Path.of(directory);
        if (dir == null || !Files.isDirectory(dir)) {
            throw ApiException.badRequest("directory", "no such folder on the server: " + directory);
        }
        Map<OlistFile, CsvInput> files = new EnumMap<>(OlistFile.class);
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(Files::isRegularFile).forEach(p -> {
                String name = p.getFileName().toString();
                if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
                    OlistFile.forName(name).ifPresent(f -> files.put(f, new CsvInput(name, p)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return new OlistSource(files);
    }

    /** Reads every file through once (header, encoding, gzip) so a bad file is refused before a job is started. */
    public void check() {
        files.forEach((f, input) -> CsvReader.check(input, f.columns()));
    }
}
