package io.framewise.pipeline.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class ClusterRegistryTest {

    /** Centroids continue each other when they are equal. */
    private static final BiFunction<List<float[]>, List<float[]>, int[]> SAME =
            (known, found) ->
                    found.stream()
                            .mapToInt(
                                    f -> {
                                        for (int k = 0; k < known.size(); k++) {
                                            if (Arrays.equals(known.get(k), f)) {
                                                return k;
                                            }
                                        }
                                        return -1;
                                    })
                            .toArray();

    private static final float[] A = {1, 0};
    private static final float[] B = {0, 1};
    private static final float[] C = {1, 1};

    @Test
    void persistingClustersKeepTheirIdsAndNewOnesGetTheNext() {
        ClusterRegistry.Assignment first =
                ClusterRegistry.empty().assign("acme", 0, List.of(A, B), SAME, 10);
        assertThat(first.ids()).containsExactly("acme:c1", "acme:c2");
        ClusterRegistry.Assignment second =
                first.registry().assign("acme", 5, List.of(C, B), SAME, 10);
        assertThat(second.ids()).containsExactly("acme:c3", "acme:c2");
        // A, unseen in the second window, is still remembered within the memory...
        ClusterRegistry.Assignment third =
                second.registry().assign("acme", 10, List.of(A), SAME, 10);
        assertThat(third.ids()).containsExactly("acme:c1");
        // ...but forgotten after it (the memory is 10, A was last seen at 10), and the registry
        // shrinks to the one new cluster.
        ClusterRegistry.Assignment late =
                third.registry().assign("acme", 100, List.of(B), SAME, 10);
        assertThat(late.ids()).containsExactly("acme:c4");
        assertThat(late.registry().clusters()).hasSize(1);
    }
}
