package io.framewise.pipeline.operators;

import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.messages.VideoSpeech;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.TextRow;
import io.framewise.pipeline.rows.TranscriptRow;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.stages.VideoAssembly;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by video: gathers a video's read keyframes until all have arrived, then writes its rows:
 * one {@code frames} row per keyframe, one {@code shots} row per shot, one {@code texts} row per
 * text of a shot (merged over its keyframes), each shot's {@code ShotFeatures} for the aggregation
 * step and the {@code ok} video row (without its summary, which the aggregation adds). State is
 * cleared when the video is done.
 *
 * <p>A video whose keyframes stop arriving for the video timeout ({@code job.video-timeout}) is
 * given up: an {@code incomplete} failure row and a {@code failed} video row (side outputs {@link
 * Tags#FAILURES} and {@link Tags#FAILED_VIDEOS}), and its state is cleared.
 */
public final class AssembleVideo extends KeyedProcessFunction<String, KeyframeDone, VideoRow> {

    static final String STAGE = "assemble";

    private final Duration videoTimeout;
    private transient VideoParts<Long, KeyframeDone> arrived;
    private transient VideoTimer timer;

    public AssembleVideo(Duration videoTimeout) {
        this.videoTimeout = videoTimeout;
    }

    @Override
    public void open(OpenContext context) {
        arrived = keyframes(getRuntimeContext());
        timer = new VideoTimer(getRuntimeContext(), videoTimeout);
    }

    /** A video's keyframes in keyed state, one per frame number. */
    static VideoParts<Long, KeyframeDone> keyframes(RuntimeContext runtime) {
        return new VideoParts<>(
                runtime, "keyframes-by-frame", Types.LONG, TypeInformation.of(KeyframeDone.class));
    }

    /** Where the assembled rows go: the operator's side outputs and main output. */
    interface Rows {
        <T> void output(OutputTag<T> tag, T row);

        void collect(VideoRow row);
    }

    @Override
    public void processElement(KeyframeDone done, Context ctx, Collector<VideoRow> out)
            throws Exception {
        if (arrived.add(done.keyframe().frame(), done) < done.keyframesOfVideo()) {
            timer.restart(ctx.timerService());
            return;
        }
        timer.cancel(ctx.timerService());
        List<KeyframeDone> all = arrived.all();
        arrived.clear();
        assemble(
                all,
                null,
                new Rows() {
                    @Override
                    public <T> void output(OutputTag<T> tag, T row) {
                        ctx.output(tag, row);
                    }

                    @Override
                    public void collect(VideoRow row) {
                        out.collect(row);
                    }
                });
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<VideoRow> out)
            throws Exception {
        if (!timer.fired(timestamp)) {
            return;
        }
        KeyframeDone any = arrived.any();
        if (any != null) {
            Failures.incomplete(
                    Failures.emitter(ctx),
                    any.video(),
                    STAGE,
                    "keyframes",
                    arrived.count(),
                    any.keyframesOfVideo(),
                    videoTimeout);
        }
        arrived.clear();
    }

    /**
     * Writes a video's rows ({@link VideoAssembly}) to this operator's outputs: the video row to
     * the main output, the others to their side outputs.
     *
     * @param speech null when speech is off
     */
    static void assemble(List<KeyframeDone> all, VideoSpeech speech, Rows ctx) {
        VideoAssembly.assemble(
                all,
                speech,
                new VideoAssembly.Rows() {
                    @Override
                    public void text(TextRow row) {
                        ctx.output(Tags.TEXTS, row);
                    }

                    @Override
                    public void shot(ShotRow row) {
                        ctx.output(Tags.SHOTS, row);
                    }

                    @Override
                    public void frame(FrameRow row) {
                        ctx.output(Tags.FRAMES, row);
                    }

                    @Override
                    public void shotFeatures(ShotFeatures features) {
                        ctx.output(Tags.SHOT_FEATURES, features);
                    }

                    @Override
                    public void transcript(TranscriptRow row) {
                        ctx.output(Tags.TRANSCRIPTS, row);
                    }

                    @Override
                    public void video(VideoRow row) {
                        ctx.collect(row);
                    }
                });
    }
}
