package io.framewise.udfs.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CentroidMatcherTest {

    @Test
    void closestPairsFirstEachAtMostOnceWithinTheDistance() {
        float[] a = {1, 0, 0};
        float[] b = {0, 1, 0};
        float[] nearA = {0.98f, 0.1f, 0};
        float[] alsoNearA = {0.95f, 0.2f, 0};
        float[] c = {0, 0, 1};
        int[] m = new CentroidMatcher(0.15).match(List.of(a, b), List.of(alsoNearA, c, nearA));
        // nearA is the closer one to a and takes it; alsoNearA is then a new cluster.
        assertThat(m).containsExactly(-1, -1, 0);
    }

    @Test
    void centroidsOfAnotherLengthNeverMatch() {
        int[] m =
                new CentroidMatcher(2)
                        .match(List.of(new float[] {1, 0}), List.of(new float[] {1, 0, 0}));
        assertThat(m).containsExactly(-1);
    }
}
