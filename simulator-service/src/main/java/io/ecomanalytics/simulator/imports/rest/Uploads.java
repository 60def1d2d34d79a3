package io.ecomanalytics.simulator.imports.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Uploaded files an import reads: uploads vanish when the request ends, so a job reads its own copy in a folder of its own,
 * deleted when the job ends. (Server-side files are read where they are, inside the imports root: {@code ImportRoot}.)
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

    /**
     * The upload's file name without any folder a client may have sent, or the fallback when it has none or holds characters no
     * file name should (it is echoed in reports and errors).
     */
    static String name(FileUpload upload, String fallback) {
        String name = upload.fileName();
        if (name == null || name.isBlank() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            return fallback;
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return base.isBlank() ? fallback : base;
    }

    static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
