package io.framewise.pipeline.operators;

import io.framewise.pipeline.aggregate.ShotClusterer;
import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.rows.ClusterRow;
import io.framewise.pipeline.stages.ClusterRegistry;
import io.framewise.pipeline.stages.ShotClustering;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Clusters the shots of one organisation's event-time window ({@link ShotClustering}) and gives
 * each cluster a stable id: the id of the earlier cluster whose centroid it continues, else a new
 * one.
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
        TimeWindow window = ctx.window();
        ValueState<Integer> firings = ctx.windowState().getState(FIRINGS);
        int revision = firings.value() == null ? 0 : firings.value();
        firings.update(revision + 1);
        ValueState<ClusterRegistry> registry = ctx.globalState().getState(REGISTRY);
        ShotClustering.Clustered clustered =
                ShotClustering.cluster(
                        org,
                        window.getStart(),
                        window.getEnd(),
                        revision,
                        elements,
                        registry.value() == null ? ClusterRegistry.empty() : registry.value(),
                        clusterer,
                        memoryMs);
        if (!clustered.failures().isEmpty()) {
            clustered.failures().forEach(f -> ctx.output(Tags.FAILURES, f));
            return;
        }
        registry.update(clustered.registry());
        clustered.members().forEach(m -> ctx.output(Tags.CLUSTER_MEMBERS, m));
        clustered.clusters().forEach(out::collect);
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
