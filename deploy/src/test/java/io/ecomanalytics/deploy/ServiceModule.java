package io.ecomanalytics.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the code says about one service, read from its sources so the manifests can be checked against it: its port, whether it
 * serves health probes, and every environment variable it reads.
 */
record ServiceModule(String name, Path dir, int port, int managementPort, boolean servesHealth, boolean usesRedis,
        boolean usesData, Set<String> envVars) {

    /** Config roots bound from the environment by a @ConfigMapping in contracts (postgres.host ← POSTGRES_HOST). */
    private static final List<String> MAPPED_ROOTS = List.of("postgres.", "redis.", "store.");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    static Path root() {
        return Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    }

    /** Every module with an HTTP port of its own: the deployable services. */
    static List<ServiceModule> discover() {
        Path root = root();
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
                    .filter(d -> Files.isRegularFile(d.resolve("src/main/resources/application.properties")))
                    .map(ServiceModule::read)
                    .filter(m -> m.port() > 0)
                    .sorted(java.util.Comparator.comparing(ServiceModule::name))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ServiceModule read(Path dir) {
        Path own = dir.resolve("src/main/resources/application.properties");
        Path shared = root().resolve("contracts/src/main/resources/META-INF/microprofile-config.properties");
        String pom = text(dir.resolve("pom.xml"));
        boolean usesRedis = pom.contains("<artifactId>quarkus-redis-client</artifactId>");
        // a module without contracts (the dashboard: static assets) has no data access and none of the shared settings
        boolean usesData = pom.contains("<artifactId>contracts</artifactId>");
        Properties props = load(own);
        int port = Integer.parseInt(props.getProperty("quarkus.http.port", "0"));
        int managementPort = Integer.parseInt(props.getProperty("quarkus.management.port", "0"));

        Set<String> env = new TreeSet<>();
        for (Path file : usesData ? List.of(shared, own) : List.of(own)) {
            for (String line : text(file).lines().toList()) {
                String trimmed = line.strip();
                if (trimmed.startsWith("#") || trimmed.startsWith("%test.") || trimmed.startsWith("%dev.")) {
                    continue;
                }
                Matcher m = ENV_REFERENCE.matcher(trimmed);
                while (m.find()) {
                    env.add(m.group(1));
                }
                String key = trimmed.contains("=") ? trimmed.substring(0, trimmed.indexOf('=')).strip() : "";
                for (String mapped : MAPPED_ROOTS) {
                    if (key.startsWith(mapped) && (usesRedis || !mapped.equals("redis."))) {
                        env.add(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
                    }
                }
            }
        }
        if (usesData) {
            // optional in the mapping (no default in the file), but a real deployment always sets it
            env.add("POSTGRES_PASSWORD");
        }
        return new ServiceModule(dir.getFileName().toString(), dir, port, managementPort,
                pom.contains("<artifactId>quarkus-smallrye-health</artifactId>"), usesRedis, usesData, env);
    }

    private static Properties load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
