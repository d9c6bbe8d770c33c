package io.framewise.pipeline.operators;

import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.aggregate.VideoSummarizer;
import io.framewise.pipeline.messages.Messages.SummarizedVideo;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.stages.VideoSummarizing;
import io.framewise.pipeline.video.VideoRef;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
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
 *
 * <p>A video whose row or shots stop arriving for the video timeout ({@code job.video-timeout}) is
 * given up: an {@code incomplete} failure row and a {@code failed} video row (side outputs {@link
 * Tags#FAILURES} and {@link Tags#FAILED_VIDEOS}) instead of its row, and its state is cleared.
 */
public final class SummarizeVideo
        extends KeyedCoProcessFunction<String, VideoRow, ShotFeatures, SummarizedVideo> {

    static final String STAGE = VideoSummarizing.STAGE;

    private final VideoSummarizer.Factory summarizers;
    private final Duration videoTimeout;
    private transient VideoSummarizer summarizer;
    private transient ValueState<VideoRow> row;
    private transient VideoParts<Integer, ShotFeatures> shots;
    private transient ValueState<Integer> expected;
    private transient VideoTimer timer;

    public SummarizeVideo(VideoSummarizer.Factory summarizers, Duration videoTimeout) {
        this.summarizers = summarizers;
        this.videoTimeout = videoTimeout;
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
                new VideoParts<>(
                        getRuntimeContext(),
                        "shots-by-index",
                        Types.INT,
                        TypeInformation.of(ShotFeatures.class));
        expected = getRuntimeContext().getState(new ValueStateDescriptor<>("expected", Types.INT));
        timer = new VideoTimer(getRuntimeContext(), videoTimeout);
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
        shots.add(shot.shotIndex(), shot);
        expected.update(shot.shotsOfVideo());
        fireWhenComplete(ctx, out);
    }

    private void fireWhenComplete(Context ctx, Collector<SummarizedVideo> out) throws Exception {
        VideoRow video = row.value();
        // A video without keyframes has no shot features to wait for.
        if (video == null
                || video.keyframes() > 0
                        && (expected.value() == null || shots.count() < expected.value())) {
            timer.restart(ctx.timerService());
            return;
        }
        timer.cancel(ctx.timerService());
        List<ShotFeatures> all = shots.all();
        row.clear();
        shots.clear();
        expected.clear();
        VideoSummarizing.Summarized summarized = VideoSummarizing.summarize(video, all, summarizer);
        summarized.scenes().forEach(scene -> ctx.output(Tags.SCENES, scene));
        if (summarized.failure() != null) {
            ctx.output(Tags.FAILURES, summarized.failure());
        }
        out.collect(summarized.video());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SummarizedVideo> out)
            throws Exception {
        if (!timer.fired(timestamp)) {
            return;
        }
        VideoRow video = row.value();
        ShotFeatures any = shots.any();
        VideoRef ref =
                video != null
                        ? new VideoRef(video.videoId(), video.uri())
                        : new VideoRef(any.videoId(), any.videoUri());
        Integer of = expected.value();
        Failures.incomplete(
                Failures.emitter(ctx),
                ref,
                STAGE,
                video == null ? "shots (and not the video row)" : "shots",
                shots.count(),
                of == null ? 0 : of,
                videoTimeout);
        row.clear();
        shots.clear();
        expected.clear();
    }

    @Override
    public void close() {
        if (summarizer != null) {
            summarizer.close();
        }
    }
}
