package io.framewise.pipeline.stages;

import io.framewise.pipeline.aggregate.ShotCluster;
import io.framewise.pipeline.aggregate.ShotClusterer;
import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.rows.ClusterMemberRow;
import io.framewise.pipeline.rows.ClusterRow;
import io.framewise.pipeline.rows.FailureRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Step 9: clusters the shots of one organisation's event-time window and gives each cluster a
 * stable id, the id of the earlier cluster whose centroid it continues ({@link ClusterRegistry}),
 * else a new one: one {@code clusters} row per cluster, one {@code cluster_members} row per shot. A
 * clusterer that fails costs the window's clusters (one failure row per video), never the job, and
 * leaves the registry as it was.
 */
public final class ShotClustering {

    private ShotClustering() {}

    /**
     * What one window gave.
     *
     * @param registry the organisation's registry after this window (unchanged when it failed)
     */
    public record Clustered(
            List<ClusterRow> clusters,
            List<ClusterMemberRow> members,
            List<FailureRow> failures,
            ClusterRegistry registry) {}

    /**
     * The start of the tumbling window of {@code sizeMs} that holds {@code eventTime}: windows are
     * aligned to the epoch, as Flink's tumbling event-time windows without an offset.
     */
    public static long windowStart(long eventTime, long sizeMs) {
        return eventTime - Math.floorMod(eventTime, sizeMs);
    }

    /**
     * Clusters {@code shots}, the window {@code [start, end)} of {@code org}.
     *
     * @param revision 0 the first time the window is clustered, then one more each time a late shot
     *     makes it clustered again
     * @param known the organisation's registry before this window
     * @param memoryMs known clusters last seen this long before the window are forgotten
     */
    public static Clustered cluster(
            String org,
            long start,
            long end,
            int revision,
            Iterable<ShotFeatures> shots,
            ClusterRegistry known,
            ShotClusterer clusterer,
            long memoryMs) {
        List<ShotFeatures> sorted = new ArrayList<>();
        shots.forEach(sorted::add);
        // The same shots give the same clusters whatever order they arrived in.
        sorted.sort(
                Comparator.comparing(ShotFeatures::videoId)
                        .thenComparingInt(ShotFeatures::shotIndex));
        List<ShotCluster> found;
        try {
            found = clusterer.cluster(sorted);
        } catch (RuntimeException e) {
            return new Clustered(List.of(), List.of(), failed(sorted, start, e), known);
        }
        ClusterRegistry.Assignment assignment =
                known.assign(
                        org,
                        start,
                        found.stream().map(ShotCluster::centroid).toList(),
                        clusterer::match,
                        memoryMs);
        List<ClusterRow> clusters = new ArrayList<>();
        List<ClusterMemberRow> members = new ArrayList<>();
        for (int c = 0; c < found.size(); c++) {
            ShotCluster cluster = found.get(c);
            String id = assignment.ids().get(c);
            Set<String> videos = new TreeSet<>();
            for (int m = 0; m < cluster.size(); m++) {
                ShotFeatures shot = sorted.get(cluster.members()[m]);
                videos.add(shot.videoId());
                members.add(
                        new ClusterMemberRow(
                                org,
                                start,
                                id,
                                revision,
                                shot.videoId(),
                                shot.shotIndex(),
                                cluster.distances()[m],
                                shot.keyframeFrames()));
            }
            List<String> representatives = cluster.representatives();
            clusters.add(
                    new ClusterRow(
                            org,
                            start,
                            end,
                            id,
                            revision,
                            cluster.size(),
                            videos.size(),
                            cluster.topTerms(),
                            representatives.isEmpty() ? null : representatives.get(0),
                            representatives,
                            cluster.centroid()));
        }
        return new Clustered(clusters, members, List.of(), assignment.registry());
    }

    /** One failure row per video of a window that could not be clustered. */
    private static List<FailureRow> failed(
            List<ShotFeatures> shots, long start, RuntimeException e) {
        Map<String, String> videos = new LinkedHashMap<>();
        shots.forEach(s -> videos.putIfAbsent(s.videoId(), s.videoUri()));
        String message =
                "window starting at "
                        + start
                        + ": "
                        + e.getClass().getSimpleName()
                        + ": "
                        + e.getMessage();
        List<FailureRow> rows = new ArrayList<>();
        videos.forEach(
                (id, uri) ->
                        rows.add(
                                FailureRow.ofVideo(
                                        id, uri, "clusters", "cluster_failed", message)));
        return rows;
    }
}
