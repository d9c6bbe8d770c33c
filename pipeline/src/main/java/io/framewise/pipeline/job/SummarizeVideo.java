package io.framewise.pipeline.job;

import io.framewise.pipeline.aggregate.Scene;
import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.aggregate.VideoAggregate;
import io.framewise.pipeline.aggregate.VideoSignature;
import io.framewise.pipeline.aggregate.VideoSummarizer;
import io.framewise.pipeline.job.Messages.SummarizedVideo;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.SceneRow;
import io.framewise.pipeline.rows.VideoRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by video: once a video's row and all its shots' features are in (in any order), groups the
 * shots into scenes and summarises the video, then clears its state.
 *
 * <p>Outputs the {@code scenes} rows (side output) and the video row with its summary (the scenes
 * included, for the video's search document), on its way to near-duplicate detection. A summarizer
 * that fails costs the summary, never the row: the row goes on without it and a failure row says
 * why.
 */
final class SummarizeVideo
        extends KeyedCoProcessFunction<String, VideoRow, ShotFeatures, SummarizedVideo> {

    private final VideoSummarizer.Factory summarizers;
    private transient VideoSummarizer summarizer;
    private transient ValueState<VideoRow> row;
    private transient ListState<ShotFeatures> shots;
    // Counted apart so that a shot's arrival does not read the whole list back (state backends
    // such as RocksDB deserialise it on every read).
    private transient ValueState<Integer> arrived;
    private transient ValueState<Integer> expected;

    SummarizeVideo(VideoSummarizer.Factory summarizers) {
        this.summarizers = summarizers;
    }

    @Override
    public void open(OpenContext context) {
        summarizer = summarizers.create();
        row =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "row", TypeInformation.of(VideoRow.class)));
        shots =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "shots", TypeInformation.of(ShotFeatures.class)));
        arrived = getRuntimeContext().getState(new ValueStateDescriptor<>("arrived", Types.INT));
        expected = getRuntimeContext().getState(new ValueStateDescriptor<>("expected", Types.INT));
    }

    @Override
    public void processElement1(VideoRow video, Context ctx, Collector<SummarizedVideo> out)
            throws Exception {
        row.update(video);
        fireWhenComplete(ctx, out);
    }

    @Override
    public void processElement2(ShotFeatures shot, Context ctx, Collector<SummarizedVideo> out)
            throws Exception {
        shots.add(shot);
        arrived.update(arrived.value() == null ? 1 : arrived.value() + 1);
        expected.update(shot.shotsOfVideo());
        fireWhenComplete(ctx, out);
    }

    private void fireWhenComplete(Context ctx, Collector<SummarizedVideo> out) throws Exception {
        VideoRow video = row.value();
        if (video == null) {
            return;
        }
        // A video without keyframes has no shot features to wait for.
        if (video.keyframes() > 0
                && (expected.value() == null || arrived.value() < expected.value())) {
            return;
        }
        List<ShotFeatures> all = new ArrayList<>();
        shots.get().forEach(all::add);
        row.clear();
        shots.clear();
        arrived.clear();
        expected.clear();
        all.sort(Comparator.comparingInt(ShotFeatures::shotIndex));
        // A video without shots has an empty signature, which matches nothing in any organisation.
        String org = all.isEmpty() ? Orgs.DEFAULT : all.get(0).org();
        VideoRow summarized = video;
        try {
            VideoAggregate aggregate = summarizer.summarize(video, all);
            List<SceneRow> scenes = new ArrayList<>();
            for (Scene s : aggregate.scenes()) {
                scenes.add(
                        new SceneRow(
                                video.videoId(),
                                s.index(),
                                s.firstShot(),
                                s.lastShot(),
                                s.startMs(),
                                s.endMs(),
                                s.keyframeUri(),
                                video.processedAt()));
            }
            // The scenes go out as rows of their own and, with the summary, on the video row:
            // its search document holds them, written once, whole.
            scenes.forEach(scene -> ctx.output(Tags.SCENES, scene));
            summarized = video.withSummary(aggregate.summary().withSceneRows(scenes));
        } catch (RuntimeException e) {
            ctx.output(
                    Tags.FAILURES,
                    new FailureRow(
                            video.videoId(),
                            video.uri(),
                            "summary",
                            "summary_failed",
                            e.getClass().getSimpleName() + ": " + e.getMessage(),
                            System.currentTimeMillis()));
        }
        out.collect(new SummarizedVideo(org, summarized, VideoSignature.of(video.videoId(), all)));
    }

    @Override
    public void close() {
        if (summarizer != null) {
            summarizer.close();
        }
    }
}
