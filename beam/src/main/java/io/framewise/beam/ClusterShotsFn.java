package io.framewise.beam;

import io.framewise.pipeline.aggregate.ShotClusterer;
import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.rows.ClusterMemberRow;
import io.framewise.pipeline.rows.ClusterRow;
import io.framewise.pipeline.stages.ClusterRegistry;
import io.framewise.pipeline.stages.ShotClustering;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Step 9 ({@link ShotClustering}), on all of an organisation's shots at once: split into the
 * tumbling event-time windows of {@code aggregate.clusters.window}, aligned to the epoch as the
 * Flink job's, and clustered window after window in time order, each window's cluster ids carried
 * on to the next through the organisation's {@link ClusterRegistry} (the Flink operator's keyed
 * state across windows). The windows are computed here rather than by Beam's {@code FixedWindows}
 * because the registry needs an organisation's windows one after another, in order, which a
 * per-window group does not give.
 *
 * <p>A batch has all of a window's shots before it is clustered, so every window is clustered once
 * (revision 0) and no shot is late.
 */
final class ClusterShotsFn extends DoFn<KV<String, Iterable<ShotFeatures>>, ClusterRow> {

    static final TupleTag<ClusterRow> CLUSTERS = new TupleTag<>("clusters") {};
    static final TupleTag<ClusterMemberRow> MEMBERS = new TupleTag<>("cluster-members") {};

    private final ShotClusterer.Factory clusterers;
    private final long windowMs;
    private final long memoryMs;
    private transient ShotClusterer clusterer;

    ClusterShotsFn(ShotClusterer.Factory clusterers, long windowMs, long memoryMs) {
        this.clusterers = clusterers;
        this.windowMs = windowMs;
        this.memoryMs = memoryMs;
    }

    @Setup
    public void setup() {
        clusterer = clusterers.create();
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<ShotFeatures>> org, MultiOutputReceiver out) {
        Map<Long, List<ShotFeatures>> windows = new TreeMap<>();
        for (ShotFeatures shot : org.getValue()) {
            windows.computeIfAbsent(
                            ShotClustering.windowStart(shot.eventTime(), windowMs),
                            start -> new ArrayList<>())
                    .add(shot);
        }
        ClusterRegistry registry = ClusterRegistry.empty();
        for (Map.Entry<Long, List<ShotFeatures>> window : windows.entrySet()) {
            long start = window.getKey();
            ShotClustering.Clustered clustered =
                    ShotClustering.cluster(
                            org.getKey(),
                            start,
                            start + windowMs,
                            0,
                            window.getValue(),
                            registry,
                            clusterer,
                            memoryMs);
            clustered.clusters().forEach(out.get(CLUSTERS)::output);
            clustered.members().forEach(out.get(MEMBERS)::output);
            clustered.failures().forEach(out.get(Outputs.FAILURES)::output);
            registry = clustered.registry();
        }
    }

    @Teardown
    public void teardown() {
        if (clusterer != null) {
            clusterer.close();
        }
    }
}
