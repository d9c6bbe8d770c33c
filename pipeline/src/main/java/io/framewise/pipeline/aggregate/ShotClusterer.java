package io.framewise.pipeline.aggregate;

import java.io.Serializable;
import java.util.List;

/**
 * Port: clusters the shots of one window, choosing the number of clusters from the data, and
 * matches a window's clusters to earlier ones by centroid so that their ids persist.
 */
public interface ShotClusterer extends AutoCloseable {

    /**
     * The clusters of {@code shots}; every shot is a member of exactly one, and the same shots in
     * the same order always give the same clusters.
     */
    List<ShotCluster> cluster(List<ShotFeatures> shots);

    /**
     * For each of {@code found}, the index in {@code known} of the centroid it continues, or -1 for
     * a new cluster; no known centroid is matched twice.
     */
    int[] match(List<float[]> known, List<float[]> found);

    @Override
    default void close() {}

    /** Serializable configuration that creates a clusterer where it runs. */
    @FunctionalInterface
    interface Factory extends Serializable {
        ShotClusterer create();
    }
}
