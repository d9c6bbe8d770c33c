package io.framewise.pipeline.operators;

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
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Clusters the shots of one organisation's event-time window and gives each cluster a stable id:
 * the id of the earlier cluster whose centroid it continues, else a new one.
 *
 * <p>Outputs one {@code clusters} row per cluster and, as a side output, one {@code
 * cluster_members} row per shot. A window fired again by a late shot (within the allowed lateness)
 * is clustered again as a whole and its rows carry the next revision. Clustering needs every point
 * of the window at once, so this is a full-window function over the window's list state rather than
 * an incremental aggregate; the window's state, its firing count included, is cleared when the
 * window expires. Across windows it keeps only the {@link ClusterRegistry}.
 */
public final class ClusterShots
        extends ProcessWindowFunction<ShotFeatures, ClusterRow, String, TimeWindow> {

    static final ValueStateDescriptor<Integer> FIRINGS =
            new ValueStateDescriptor<>("firings", Types.INT);
    static final ValueStateDescriptor<ClusterRegistry> REGISTRY =
            new ValueStateDescriptor<>("registry", TypeInformation.of(ClusterRegistry.class));

    private final ShotClusterer.Factory clusterers;
    private final long memoryMs;
    private transient ShotClusterer clusterer;

    public ClusterShots(ShotClusterer.Factory clusterers, long memoryMs) {
        this.clusterers = clusterers;
        this.memoryMs = memoryMs;
    }

    @Override
    public void open(OpenContext context) {
        clusterer = clusterers.create();
    }

    @Override
    public void process(
            String org, Context ctx, Iterable<ShotFeatures> elements, Collector<ClusterRow> out)
            throws Exception {
        List<ShotFeatures> shots = new ArrayList<>();
        elements.forEach(shots::add);
        // The same shots give the same clusters whatever order they arrived in.
        shots.sort(
                Comparator.comparing(ShotFeatures::videoId)
                        .thenComparingInt(ShotFeatures::shotIndex));
        TimeWindow window = ctx.window();
        ValueState<Integer> firings = ctx.windowState().getState(FIRINGS);
        int revision = firings.value() == null ? 0 : firings.value();
        firings.update(revision + 1);

        List<ShotCluster> found;
        try {
            found = clusterer.cluster(shots);
        } catch (RuntimeException e) {
            failed(ctx, shots, window, e);
            return;
        }
        ValueState<ClusterRegistry> registry = ctx.globalState().getState(REGISTRY);
        ClusterRegistry known =
                registry.value() == null ? ClusterRegistry.empty() : registry.value();
        ClusterRegistry.Assignment assignment =
                known.assign(
                        org,
                        window.getStart(),
                        found.stream().map(ShotCluster::centroid).toList(),
                        clusterer::match,
                        memoryMs);
        registry.update(assignment.registry());

        for (int c = 0; c < found.size(); c++) {
            ShotCluster cluster = found.get(c);
            String id = assignment.ids().get(c);
            Set<String> videos = new TreeSet<>();
            for (int m = 0; m < cluster.size(); m++) {
                ShotFeatures shot = shots.get(cluster.members()[m]);
                videos.add(shot.videoId());
                ctx.output(
                        Tags.CLUSTER_MEMBERS,
                        new ClusterMemberRow(
                                org,
                                window.getStart(),
                                id,
                                revision,
                                shot.videoId(),
                                shot.shotIndex(),
                                cluster.distances()[m],
                                shot.keyframeFrames()));
            }
            List<String> representatives = cluster.representatives();
            out.collect(
                    new ClusterRow(
                            org,
                            window.getStart(),
                            window.getEnd(),
                            id,
                            revision,
                            cluster.size(),
                            videos.size(),
                            cluster.topTerms(),
                            representatives.isEmpty() ? null : representatives.get(0),
                            representatives,
                            cluster.centroid()));
        }
    }

    /** One failure row per video of a window that could not be clustered; the job goes on. */
    private static void failed(
            Context ctx, List<ShotFeatures> shots, TimeWindow window, RuntimeException e) {
        Map<String, String> videos = new LinkedHashMap<>();
        shots.forEach(s -> videos.putIfAbsent(s.videoId(), s.videoUri()));
        String message =
                "window starting at "
                        + window.getStart()
                        + ": "
                        + e.getClass().getSimpleName()
                        + ": "
                        + e.getMessage();
        videos.forEach(
                (id, uri) -> {
                    ctx.output(
                            Tags.FAILURES,
                            FailureRow.ofVideo(id, uri, "clusters", "cluster_failed", message));
                });
    }

    @Override
    public void clear(Context ctx) throws Exception {
        ctx.windowState().getState(FIRINGS).clear();
    }

    @Override
    public void close() {
        if (clusterer != null) {
            clusterer.close();
        }
    }
}
