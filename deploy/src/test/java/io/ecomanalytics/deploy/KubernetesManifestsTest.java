package io.ecomanalytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Renders every kustomize overlay with {@code kubectl kustomize} and checks the result against the code: probe paths and ports
 * the services really serve, every environment variable they read, image names that match modules, no key material in the
 * manifests. Skipped, saying so, where kubectl is not installed.
 */
class KubernetesManifestsTest {
    private static final List<ServiceModule> SERVICES = ServiceModule.discover();
    private static final Map<String, String> PROBES = Map.of("startup", "/q/health/started", "liveness",
            "/q/health/live", "readiness", "/q/health/ready");

    @ParameterizedTest
    @ValueSource(strings = {"self-contained", "managed"})
    void overlayMatchesTheCode(String overlay) throws Exception {
        List<HasMetadata> objects = render(overlay);
        assertThat(SERVICES).extracting(ServiceModule::name)
                .containsExactlyInAnyOrder("analytics-service", "dashboard", "gateway", "metrics-service", "simulator-service");
        Map<String, String> config = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .flatMap(cm -> cm.getData().entrySet().stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b));

        for (ServiceModule service : SERVICES) {
            Deployment deployment = only(objects, Deployment.class, service.name());
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getImage()).as("image of %s", service.name())
                    .startsWith("ecommerce-analytics/" + service.name() + ":");
            assertThat(container.getPorts()).extracting(p -> p.getContainerPort()).contains(service.port(),
                    service.managementPort());

            assertThat(service.servesHealth()).as("%s has quarkus-smallrye-health", service.name()).isTrue();
            checkProbe(service, container, "startup", container.getStartupProbe());
            checkProbe(service, container, "liveness", container.getLivenessProbe());
            checkProbe(service, container, "readiness", container.getReadinessProbe());

            Set<String> set = new HashSet<>();
            container.getEnv().stream().map(EnvVar::getName).forEach(set::add);
            for (EnvFromSource from : container.getEnvFrom()) {
                if (from.getConfigMapRef() != null) {
                    set.addAll(config.keySet());
                }
            }
            assertThat(set).as("environment of %s in %s", service.name(), overlay).containsAll(service.envVars());

            var pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).containsKey("memory");
            assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path", "/q/metrics")
                    .containsEntry("prometheus.io/port", Integer.toString(service.managementPort()));

            Service svc = only(objects, Service.class, service.name());
            assertThat(svc.getSpec().getPorts()).extracting(p -> p.getPort()).contains(service.port());
            only(objects, PodDisruptionBudget.class, service.name());
        }

        // every image of ours is a module
        Set<String> modules = SERVICES.stream().map(ServiceModule::name).collect(Collectors.toSet());
        objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream())
                .map(Container::getImage)
                .forEach(image -> assertThat(modules).as("module for image %s", image)
                        .contains(image.replaceFirst("^ecommerce-analytics/", "").replaceFirst(":.*$", "")));

        // the gateway is the only way in
        List<Ingress> ingresses = all(objects, Ingress.class);
        assertThat(ingresses).isNotEmpty();
        ingresses.forEach(i -> i.getSpec().getRules().forEach(r -> r.getHttp().getPaths().forEach(
                p -> assertThat(p.getBackend().getService().getName()).isEqualTo("gateway"))));
        assertThat(all(objects, NetworkPolicy.class)).extracting(n -> n.getMetadata().getName())
                .contains("default-deny-ingress", "backends-from-gateway");
        assertThat(all(objects, HorizontalPodAutoscaler.class)).extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrder("gateway", "analytics-service");

        // secrets are referenced, never carried
        for (Secret secret : all(objects, Secret.class)) {
            assertThat(secret.getData()).as("data of secret %s", secret.getMetadata().getName()).isNullOrEmpty();
            assertThat(secret.getStringData()).as("stringData of %s", secret.getMetadata().getName()).isNullOrEmpty();
        }
        assertThat(Serialization.asYaml(objects)).doesNotContain("PRIVATE KEY");

        List<String> statefulSets = all(objects, StatefulSet.class).stream().map(s -> s.getMetadata().getName()).toList();
        if (overlay.equals("self-contained")) {
            assertThat(statefulSets).containsExactlyInAnyOrder("postgres", "redis");
            all(objects, StatefulSet.class).forEach(s -> assertThat(s.getSpec().getVolumeClaimTemplates()).isNotEmpty());
            assertThat(config).containsEntry("POSTGRES_HOST", "postgres").containsEntry("REDIS_HOST", "redis");
        } else {
            assertThat(statefulSets).isEmpty();
            assertThat(config.get("POSTGRES_HOST")).isNotEqualTo("postgres");
            assertThat(config.get("REDIS_HOST")).isNotEqualTo("redis");
        }
    }

    private static void checkProbe(ServiceModule service, Container container, String kind, Probe probe) {
        assertThat(probe).as("%s probe of %s", kind, service.name()).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get.getPath()).as("%s probe path of %s", kind, service.name()).isEqualTo(PROBES.get(kind));
        assertThat(resolvePort(container, get.getPort())).as("%s probe port of %s", kind, service.name())
                .isEqualTo(service.managementPort());
    }

    private static int resolvePort(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> Objects.equals(p.getName(), port.getStrVal()))
                .findFirst().orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()))
                .getContainerPort();
    }

    private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type, String name) {
        List<T> found = all(objects, type).stream().filter(o -> o.getMetadata().getName().equals(name)).toList();
        assertThat(found).as("%s %s", type.getSimpleName(), name).hasSize(1);
        return found.get(0);
    }

    private static <T> List<T> all(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<HasMetadata> render(String overlay) throws IOException, InterruptedException {
        Path dir = ServiceModule.root().resolve("deploy/k8s/overlays").resolve(overlay);
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
        } catch (IOException e) {
            assumeTrue(false, "kubectl is not installed: the Kubernetes overlays were not rendered or checked");
            throw e;
        }
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize %s: %s", overlay, err).isZero();
        String yaml = new String(out, StandardCharsets.UTF_8);
        String asList = "apiVersion: v1\nkind: List\nitems:\n" + java.util.Arrays.stream(yaml.split("(?m)^---$"))
                .filter(doc -> !doc.isBlank())
                .map(doc -> doc.strip().lines().map(l -> "    " + l).collect(Collectors.joining("\n"))
                        .replaceFirst("^    ", "  - "))
                .collect(Collectors.joining("\n"));
        KubernetesList list = Serialization.unmarshal(new ByteArrayInputStream(asList.getBytes(StandardCharsets.UTF_8)),
                KubernetesList.class);
        return list.getItems();
    }
}
