package io.ecomanalytics.simulator.imports.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.simulator.imports.csv.CsvInput;

/**
 * Files an import reads: uploads vanish when the request ends, so a job reads its own copy in a folder of its own, deleted when
 * the job ends; server-side paths are read where they are.
 */
final class Uploads {
    private Uploads() {
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("import-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the upload", e);
        }
    }

    static Path keep(FileUpload upload, Path dir, String name) {
        try {
            return Files.copy(upload.uploadedFile(), dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the upload " + upload.name(), e);
        }
    }

    /** The upload's file name without any folder a client may have sent, or the fallback. */
    static String name(FileUpload upload, String fallback) {
        String name = upload.fileName();
        return name == null || name.isBlank() ? fallback : Path.of(name).getFileName().toString();
    }

    static CsvInput serverFile(String path) {
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            throw ApiException.badRequest("path", "no such file on the server: " + path);
        }
        Path p = Path.of(path);
        return new CsvInput(p.getFileName().toString(), p);
    }

    static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
