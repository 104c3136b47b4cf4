package io.clientbook.k8s;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The manifest tests render with {@link Kustomize} so they run on any machine with a JDK; where kubectl is
 * installed, this checks that {@code kubectl kustomize} renders exactly the same objects.
 */
class KustomizeAgreesWithKubectlTest {

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "base"})
    void rendersWhatKubectlRenders(String kustomization) {
        List<Map<String, Object>> expected = Kustomize.kubectl(Manifests.K8S.resolve(kustomization));
        assumeTrue(expected != null, "kubectl is not installed here");
        List<Map<String, Object>> actual = Kustomize.build(Manifests.K8S.resolve(kustomization));
        assertEquals(sorted(expected), sorted(actual));
    }

    private static List<Map<String, Object>> sorted(List<Map<String, Object>> objects) {
        return objects.stream().sorted(Comparator.comparing(o -> o.get("kind") + "/" + Kustomize.metadata(o).get("name"))).toList();
    }
}
