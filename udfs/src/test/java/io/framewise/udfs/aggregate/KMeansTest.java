package io.framewise.udfs.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KMeansTest {

    /** {@code perBlob} points around each centre, spread {@code spread}, in random order. */
    private static float[][] blobs(float[][] centres, int perBlob, double spread, long seed) {
        Random r = new Random(seed);
        float[][] points = new float[centres.length * perBlob][];
        int[] order = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            order[i] = i;
        }
        for (int i = points.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < points.length; i++) {
            float[] c = centres[i % centres.length];
            float[] p = new float[c.length];
            for (int d = 0; d < c.length; d++) {
                p[d] = (float) (c[d] + r.nextGaussian() * spread);
            }
            points[order[i]] = p;
        }
        return points;
    }

    private static final float[][] THREE = {{0, 0, 0, 0}, {5, 5, 0, 0}, {0, 5, 5, 5}};

    @Test
    void findsTheNumberOfWellSeparatedGroups() {
        float[][] points = blobs(THREE, 40, 0.3, 1);
        KMeans.Result r = KMeans.choose(points, 8, 0.25, 2000, 42);
        assertThat(r.k()).isEqualTo(3);
        assertThat(r.silhouette()).isGreaterThan(0.7);
        // Points of one blob share a label: the blob of point i is i's generating centre.
        for (int i = 0; i < points.length; i++) {
            int centre = KMeans.nearest(THREE, points[i]);
            for (int j = 0; j < points.length; j++) {
                if (KMeans.nearest(THREE, points[j]) == centre) {
                    assertThat(r.labels()[j]).isEqualTo(r.labels()[i]);
                }
            }
        }
    }

    @Test
    void dataWithoutStructureStaysOneCluster() {
        Random random = new Random(7);
        float[][] noise = new float[200][16];
        for (float[] p : noise) {
            for (int d = 0; d < p.length; d++) {
                p[d] = random.nextFloat();
            }
        }
        KMeans.Result r = KMeans.choose(noise, 8, 0.25, 2000, 42);
        assertThat(r.k()).isEqualTo(1);
        assertThat(r.labels()).containsOnly(0);
    }

    @Test
    void fitsOnASampleAndAssignsEveryPoint() {
        float[][] points = blobs(THREE, 500, 0.3, 3);
        KMeans.Result r = KMeans.choose(points, 6, 0.25, 100, 42);
        assertThat(r.k()).isEqualTo(3);
        Set<Integer> labels = new HashSet<>();
        for (int l : r.labels()) {
            labels.add(l);
        }
        assertThat(labels).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(r.labels()).hasSize(1500);
    }

    @Test
    void theSameInputGivesTheSameClusters() {
        float[][] points = blobs(THREE, 30, 1.5, 5);
        KMeans.Result a = KMeans.choose(points, 8, 0.1, 2000, 42);
        KMeans.Result b = KMeans.choose(points, 8, 0.1, 2000, 42);
        assertThat(a.labels()).isEqualTo(b.labels());
        assertThat(a.centroids()).isDeepEqualTo(b.centroids());
    }

    @Test
    void fewOrIdenticalPointsAreOneCluster() {
        assertThat(KMeans.choose(new float[0][], 5, 0.25, 100, 1).k()).isZero();
        assertThat(KMeans.choose(new float[][] {{1, 2}}, 5, 0.25, 100, 1).k()).isEqualTo(1);
        float[][] same = {{1, 2}, {1, 2}, {1, 2}, {1, 2}};
        assertThat(KMeans.choose(same, 5, 0.25, 100, 1).k()).isEqualTo(1);
        // Two distinct points, each repeated: two clusters, perfectly separated. (Silhouettes are
        // scored on distinct points; a point alone in its cluster with copies scores 1.)
        float[][] two = {{0, 0}, {0, 0}, {9, 9}, {9, 9}, {0, 0}};
        KMeans.Result r = KMeans.choose(two, 5, 0.25, 100, 1);
        assertThat(r.k()).isEqualTo(2);
        assertThat(r.silhouette()).isEqualTo(1.0);
    }

    @Test
    void theSilhouetteOfTwoTightGroupsIsNearOne() {
        double[][] d = {
            {0, 1, 10, 10},
            {1, 0, 10, 10},
            {10, 10, 0, 1},
            {10, 10, 1, 0}
        };
        assertThat(KMeans.silhouette(d, new int[] {0, 0, 1, 1}, 2, new boolean[4])).isEqualTo(0.9);
        // The wrong split scores badly.
        assertThat(KMeans.silhouette(d, new int[] {0, 1, 0, 1}, 2, new boolean[4])).isNegative();
    }
}
