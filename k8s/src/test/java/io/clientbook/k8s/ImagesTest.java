package io.clientbook.k8s;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No Docker engine runs here, so images are not built in CI; this checks each service's Dockerfile copies
 * what the build produced (Quarkus' fast-jar layout in target/quarkus-app), runs it as a non-root user on a
 * current JRE, and is the image the Deployment and docs/operations.md name.
 */
class ImagesTest {

    private static final Pattern COPY = Pattern.compile("^COPY (?:--chown=\\S+ )?(\\S+) (\\S+)$", Pattern.MULTILINE);

    @ParameterizedTest
    @ValueSource(strings = {"customer-service", "interaction-service", "analytics-service", "gateway"})
    void theDockerfileCopiesTheFastJarAndRunsItAsNonRoot(String service) throws IOException {
        Path module = Manifests.ROOT.resolve(service);
        String dockerfile = Files.readString(module.resolve("src/main/docker/Dockerfile.jvm"));
        assertTrue(dockerfile.lines().anyMatch(line -> line.matches("FROM eclipse-temurin:(2[5-9]|[3-9]\\d)-jre\\S*")),
                service + ": a current LTS JRE (the one the tests run on), not a JDK");
        assertTrue(dockerfile.contains("\nUSER 185\n"), service + " runs as uid 185, as the Deployment's securityContext expects");
        assertTrue(dockerfile.contains("\"-jar\", \"/deployments/quarkus-run.jar\""), service);

        Matcher copy = COPY.matcher(dockerfile);
        List<String> sources = copy.results().map(m -> m.group(1)).toList();
        assertEquals(List.of("target/quarkus-app/lib/", "target/quarkus-app/quarkus-run.jar", "target/quarkus-app/app/",
                "target/quarkus-app/quarkus/"), sources, service + ": dependencies first, the application last (layer reuse)");
        for (String source : sources) { // the reactor packaged the service before this module
            assertTrue(Files.exists(module.resolve(source)), service + ": the build produces " + source);
        }

        String image = "clientbook/" + service;
        String deployed = Manifests.named(Manifests.render("overlays/prod"), Deployment.class, service)
                .getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
        assertTrue(deployed.startsWith(image + ":"), deployed);
        assertTrue(dockerfile.contains("-t " + image + ":"), service + ": the Dockerfile's build line tags " + image);
        assertTrue(Files.readString(Manifests.ROOT.resolve("docs/operations.md")).contains(
                "-f " + service + "/src/main/docker/Dockerfile.jvm"), "docs/operations.md shows how to build " + image);
    }
}
