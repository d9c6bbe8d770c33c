package io.framewise.pipeline.stages;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The clusters an organisation has had, so that a window's clusters keep the ids of the clusters
 * they continue: each known cluster's id, its latest centroid and the last window it was seen in.
 *
 * <p>A cluster is forgotten once it has not been seen for the configured memory, which keeps the
 * registry (per-key state across windows) bounded.
 *
 * @param nextId the number the next new cluster's id gets
 */
public record ClusterRegistry(List<ClusterRegistry.Known> clusters, long nextId)
        implements Serializable {

    /** One cluster id with its latest centroid. */
    public record Known(String id, float[] centroid, long lastWindowStart)
            implements Serializable {}

    /** A window's cluster ids, in the order of its clusters, and the registry after it. */
    public record Assignment(List<String> ids, ClusterRegistry registry) {}

    public static ClusterRegistry empty() {
        return new ClusterRegistry(List.of(), 1);
    }

    /**
     * Gives the clusters of the window starting at {@code windowStart} their ids: a known id where
     * {@code matcher} says the centroid continues a known cluster (each known id at most once),
     * else a new one {@code ORG:cN}.
     *
     * @param matcher known centroids and found centroids to, per found centroid, the index of the
     *     known one it continues or -1
     * @param memoryMs known clusters last seen this long before the window are forgotten
     */
    public Assignment assign(
            String org,
            long windowStart,
            List<float[]> centroids,
            BiFunction<List<float[]>, List<float[]>, int[]> matcher,
            long memoryMs) {
        List<Known> remembered = new ArrayList<>();
        for (Known k : clusters) {
            if (k.lastWindowStart() >= windowStart - memoryMs) {
                remembered.add(k);
            }
        }
        List<float[]> knownCentroids = remembered.stream().map(Known::centroid).toList();
        int[] matched = matcher.apply(knownCentroids, centroids);
        List<String> ids = new ArrayList<>();
        List<Known> next = new ArrayList<>();
        boolean[] continued = new boolean[remembered.size()];
        long number = nextId;
        for (int i = 0; i < centroids.size(); i++) {
            String id;
            if (matched[i] >= 0) {
                id = remembered.get(matched[i]).id();
                continued[matched[i]] = true;
            } else {
                id = org + ":c" + number++;
            }
            ids.add(id);
            next.add(new Known(id, centroids.get(i), windowStart));
        }
        for (int k = 0; k < remembered.size(); k++) {
            if (!continued[k]) {
                next.add(remembered.get(k));
            }
        }
        return new Assignment(ids, new ClusterRegistry(next, number));
    }
}
