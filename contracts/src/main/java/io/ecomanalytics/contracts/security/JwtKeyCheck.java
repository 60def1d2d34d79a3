package io.ecomanalytics.contracts.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;

/**
 * Stops start-up with one clear line when a configured JWT key file is missing, instead of refusing every token later. Test and
 * dev mode configure no location (they use an in-memory key pair) and are not checked.
 */
public class JwtKeyCheck {

    void onStart(@Observes StartupEvent event,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> publicKey) {
        publicKey.ifPresent(location -> requireFile("JWT_PUBLIC_KEY", location));
    }

    /** Fails when {@code location} names a file path (not a classpath or URL resource) that does not exist. */
    public static void requireFile(String variable, String location) {
        if (location.contains(":") && !location.startsWith("file:")) {
            return;
        }
        Path path = Path.of(location.replaceFirst("^file:", ""));
        if (!Files.isReadable(path)) {
            throw new IllegalStateException(variable + ": no readable key file at " + path.toAbsolutePath()
                    + " (./run.sh generates a key pair into .run/keys, or point " + variable + " at a PEM file)");
        }
    }
}
