package io.ecomanalytics.simulator.imports;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.ecomanalytics.contracts.problem.ApiException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * The one folder imports read server-side files from ({@code IMPORTS_ROOT}): the {@code directory} or {@code path} of a JSON
 * import is resolved against it, every symbolic link followed ({@link Path#toRealPath}), and must end inside its real path.
 * Anything else - a file that is missing, outside the root, reached through a link leading out, a folder where a file is
 * wanted, a name with control characters or longer than {@value #MAX_PATH_LENGTH} characters - gets one and the same 400 per
 * field, which names the field but neither the file's contents nor whether it exists. Uploads never come here.
 */
@ApplicationScoped
public class ImportRoot {
    /** The longest {@code directory} or {@code path} accepted. */
    public static final int MAX_PATH_LENGTH = 1024;

    private final Path root;

    public ImportRoot(ImportSettings settings) {
        this.root = Path.of(settings.root()).toAbsolutePath().normalize();
    }

    void createAtStart(@Observes StartupEvent event) {
        try {
            Files.createDirectories(root);
            Log.infof("imports read server-side files under %s (IMPORTS_ROOT)", root.toRealPath());
        } catch (IOException e) {
            Log.warnf("imports root %s cannot be created (%s): imports by path are refused until it exists", root,
                    e.getMessage());
        }
    }

    /** The real path of a readable regular file inside the root, named relative to it (or absolute, inside it). */
    public Path file(String field, String path) {
        Path file = resolve(field, path);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw refused(field);
        }
        return file;
    }

    /**
     * The real paths of the regular files directly in a folder inside the root; a file whose link leads out of the root is left
     * out, as if it were not there.
     */
    public List<Path> filesIn(String field, String directory) {
        Path folder = resolve(field, directory);
        if (!Files.isDirectory(folder) || !Files.isReadable(folder)) {
            throw refused(field);
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                inside(entry).filter(Files::isRegularFile).ifPresent(files::add);
            }
        } catch (IOException e) {
            throw refused(field);
        }
        return files;
    }

    /** The same refusal for every way a caller's path can be wrong. */
    public static ApiException refused(String field) {
        return ApiException.badRequest(field, field + " must name a readable "
                + ("directory".equals(field) ? "folder" : "file")
                + " inside the imports folder (IMPORTS_ROOT), given relative to it");
    }

    private Path resolve(String field, String text) {
        if (text == null || text.isBlank() || text.length() > MAX_PATH_LENGTH
                || text.chars().anyMatch(Character::isISOControl)) {
            throw refused(field);
        }
        try {
            return inside(root.resolve(text)).orElseThrow(() -> refused(field));
        } catch (InvalidPathException e) {
            throw refused(field);
        }
    }

    /** The real path of {@code path} if it exists and lies inside the root's real path. */
    private java.util.Optional<Path> inside(Path path) {
        try {
            Path real = path.toRealPath();
            return real.startsWith(root.toRealPath()) ? java.util.Optional.of(real) : java.util.Optional.empty();
        } catch (IOException | SecurityException e) {
            return java.util.Optional.empty();
        }
    }
}
