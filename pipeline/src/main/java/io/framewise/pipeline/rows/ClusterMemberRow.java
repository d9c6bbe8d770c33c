package io.framewise.pipeline.rows;

import java.io.Serializable;

/**
 * A row of the {@code cluster_members} table: one shot of a cluster.
 *
 * @param windowStart epoch milliseconds (partition date), as in {@code clusters}
 * @param revision the cluster row's revision
 * @param distance the shot's distance to the cluster's centroid (0: the centroid itself)
 * @param frames the frame numbers of the shot's keyframes: with {@code videoId} and {@code
 *     shotIndex}, the ids of the frame documents the search index writes the cluster id to (not a
 *     column of the table: analysts join {@code frames} on video and shot)
 */
public record ClusterMemberRow(
        String org,
        long windowStart,
        String clusterId,
        int revision,
        String videoId,
        int shotIndex,
        double distance,
        long[] frames)
        implements Serializable {}
