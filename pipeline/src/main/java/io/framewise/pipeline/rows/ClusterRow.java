package io.framewise.pipeline.rows;

import java.io.Serializable;
import java.util.List;

/**
 * A row of the {@code clusters} table: one cluster of similar shots in one event-time window.
 *
 * @param windowStart epoch milliseconds, inclusive (partition date)
 * @param windowEnd epoch milliseconds, exclusive
 * @param clusterId stable across windows while the cluster persists ({@code ORG:cN})
 * @param revision 0 when the window first fired; each late shot within the allowed lateness fires
 *     it again with the next revision, which replaces the earlier ones
 * @param size member shots
 * @param videos distinct videos among the members
 * @param topTerms words that set the members' texts apart, most distinctive first
 * @param representativeUri the keyframe of the member nearest to the centroid
 * @param representativeUris keyframes of the members nearest to the centroid, nearest first
 * @param centroid the mean of the members' clustering vectors
 */
public record ClusterRow(
        String org,
        long windowStart,
        long windowEnd,
        String clusterId,
        int revision,
        int size,
        int videos,
        List<String> topTerms,
        String representativeUri,
        List<String> representativeUris,
        float[] centroid)
        implements Serializable {}
