package io.ecomanalytics.simulator.imports.olist;

import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

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

    /** The Olist files among {@code files} ({@code .csv} or {@code .csv.gz}, by name); the others are ignored. */
    public static OlistSource fromFiles(Collection<Path> files) {
        Map<OlistFile, CsvInput> found = new EnumMap<>(OlistFile.class);
        for (Path p : files) {
            String name = p.getFileName().toString();
            if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
                OlistFile.forName(name).ifPresent(f -> found.put(f, new CsvInput(name, p)));
            }
        }
        return new OlistSource(found);
    }

    /** Reads every file through once (header, encoding, gzip) so a bad file is refused before a job is started. */
    public void check() {
        files.forEach((f, input) -> CsvReader.check(input, f.columns()));
    }
}
