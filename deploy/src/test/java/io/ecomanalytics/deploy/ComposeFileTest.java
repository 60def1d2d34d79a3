package io.ecomanalytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Checks docker-compose.yml and the Dockerfiles against the code, as the Kubernetes test does for the overlays. */
class ComposeFileTest {
    private static final List<ServiceModule> SERVICES = ServiceModule.discover();

    @SuppressWarnings("unchecked")
    private static final Map<String, Object> COMPOSE = (Map<String, Object>) new Yaml()
            .load(ServiceModule.text(ServiceModule.root().resolve("docker-compose.yml")));

    @Test
    @SuppressWarnings("unchecked")
    void runsEveryServiceAsTheCodeExpects() {
        Map<String, Object> services = (Map<String, Object>) COMPOSE.get("services");
        for (ServiceModule service : SERVICES) {
            Map<String, Object> s = (Map<String, Object>) services.get(service.name());
            assertThat(s).as("compose service %s", service.name()).isNotNull();
            assertThat((String) s.get("image")).startsWith("ecommerce-analytics/" + service.name() + ":");
            Map<String, Object> build = (Map<String, Object>) s.get("build");
            assertThat(build.get("context")).isEqualTo("./" + service.name());
            assertThat(ServiceModule.root().resolve(service.name()).resolve((String) build.get("dockerfile")))
                    .exists();

            Map<String, Object> env = (Map<String, Object>) s.get("environment");
            assertThat(env).as("environment of %s", service.name()).containsKeys(service.envVars().toArray(String[]::new));

            List<String> health = (List<String>) ((Map<String, Object>) s.get("healthcheck")).get("test");
            assertThat(String.join(" ", health))
                    .contains("http://localhost:" + service.managementPort() + "/q/health/ready");

            if (!service.usesData()) {
                continue; // static assets: no server to wait for
            }
            Map<String, Object> dependsOn = (Map<String, Object>) s.get("depends_on");
            for (String server : List.of("postgres", "redis")) {
                assertThat(((Map<String, Object>) dependsOn.get(server)).get("condition"))
                        .as("%s waits for %s", service.name(), server).isEqualTo("service_healthy");
            }
        }
        assertThat((String) ((Map<String, Object>) services.get("postgres")).get("image")).isEqualTo("postgres:16");
        assertThat((String) ((Map<String, Object>) services.get("redis")).get("image")).startsWith("redis:7");
        assertThat((List<String>) ((Map<String, Object>) services.get("postgres")).get("volumes"))
                .anyMatch(v -> v.startsWith("pgdata:"));
        assertThat((Map<String, Object>) COMPOSE.get("volumes")).containsKey("pgdata");
    }

    @Test
    void buildsEachImageFromTheQuarkusLayoutAsANonRootUser() {
        for (ServiceModule service : SERVICES) {
            String dockerfile = ServiceModule.text(service.dir().resolve("src/main/docker/Dockerfile.jvm"));
            assertThat(dockerfile).as("Dockerfile of %s", service.name())
                    .contains("target/quarkus-app/lib/", "quarkus-run.jar", "USER 185", "EXPOSE " + service.port(),
                            "JAVA_MAX_MEM_RATIO");
        }
    }
}
