package io.framewise.pipeline.operators;

import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.messages.Messages.VideoNews;
import io.framewise.pipeline.messages.Messages.VideoStitched;
import io.framewise.pipeline.messages.VideoSpeech;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.TextRow;
import io.framewise.pipeline.rows.TranscriptRow;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.stages.VideoAssembly;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by video, two inputs: the read keyframes, and what else the assembly learns of the video
 * ({@link VideoNews}: from the stitching step, and with speech on, what is said in it), in any
 * order. Once all are in, writes the video's rows: one {@code frames} row per keyframe, one {@code
 * shots} row per shot, one {@code texts} row per text of a shot (merged over its keyframes), each
 * shot's {@code ShotFeatures} for the aggregation step and the {@code ok} video row (without its
 * summary, which the aggregation adds); with speech on also the {@code transcripts} rows and each
 * shot's spoken text. State is cleared when the video is done.
 *
 * <p>Keyframes chosen at stitching ({@link VideoStitched}) are complete when as many have arrived
 * as it sent; the video's rows take the final keyframes' numbers from it, and drop a keyframe sent
 * early whose frame it no longer chose. Keyframes from a second decoding pass each carry the shots
 * and their count. A video whose stitching failed after it sent keyframes is forgotten without a
 * row once those have arrived (its failure row is the stitching step's).
 *
 * <p>A video whose parts stop arriving for the video timeout ({@code job.video-timeout}) is given
 * up: an {@code incomplete} failure row and a {@code failed} video row (side outputs {@link
 * Tags#FAILURES} and {@link Tags#FAILED_VIDEOS}). Speech alone is dropped without a row, since its
 * video failed before it had keyframes and that failure has its own row. Either way the state is
 * cleared.
 */
public final class AssembleVideo
        extends KeyedCoProcessFunction<String, KeyframeDone, VideoNews, VideoRow> {

    static final String STAGE = "assemble";

    private final Duration videoTimeout;
    private final boolean withSpeech;
    private transient VideoParts<Long, KeyframeDone> chosen;
    private transient VideoParts<Long, KeyframeDone> passed;
    private transient ValueState<VideoStitched> stitched;
    private transient ValueState<Integer> stitchedSent;
    private transient ValueState<VideoSpeech> speech;
    private transient VideoTimer timer;

    /**
     * @param withSpeech whether every video's speech comes too, and is waited for
     */
    public AssembleVideo(Duration videoTimeout, boolean withSpeech) {
        this.videoTimeout = videoTimeout;
        this.withSpeech = withSpeech;
    }

    @Override
    public void open(OpenContext context) {
        chosen =
                new VideoParts<>(
                        getRuntimeContext(),
                        "chosen-keyframes",
                        Types.LONG,
                        TypeInformation.of(KeyframeDone.class));
        passed =
                new VideoParts<>(
                        getRuntimeContext(),
                        "keyframes-by-frame",
                        Types.LONG,
                        TypeInformation.of(KeyframeDone.class));
        stitched =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "stitched", TypeInformation.of(VideoStitched.class)));
        stitchedSent =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("stitched-sent", Types.INT));
        speech =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "speech", TypeInformation.of(VideoSpeech.class)));
        timer = new VideoTimer(getRuntimeContext(), videoTimeout);
    }

    /** Where the assembled rows go: the operator's side outputs and main output. */
    interface Rows {
        <T> void output(OutputTag<T> tag, T row);

        void collect(VideoRow row);
    }

    @Override
    public void processElement1(KeyframeDone done, Context ctx, Collector<VideoRow> out)
            throws Exception {
        long frame = done.keyframe().frame();
        if (done.task().chosenAtStitching()) {
            chosen.add(frame, done);
        } else {
            passed.add(frame, done);
        }
        fireOrWait(ctx, out);
    }

    @Override
    public void processElement2(VideoNews news, Context ctx, Collector<VideoRow> out)
            throws Exception {
        if (news.stitched() != null) {
            stitched.update(news.stitched());
            stitchedSent.update(news.stitched().sent());
        } else {
            speech.update(news.speech());
        }
        fireOrWait(ctx, out);
    }

    private void fireOrWait(Context ctx, Collector<VideoRow> out) throws Exception {
        // The count alone is read on each arrival: the stitched record once, when all are in.
        Integer sent = stitchedSent.value();
        if (sent == null || chosen.count() < sent) {
            timer.restart(ctx.timerService());
            return;
        }
        VideoStitched s = stitched.value();
        if (s.isFailed()) {
            timer.cancel(ctx.timerService());
            clear();
            return;
        }
        ShotDetection shots = null;
        List<KeyframeDone> all = null;
        if (s.keyframes() != null) {
            shots = s.shots();
            all = VideoAssembly.finalKeyframes(chosen.all(), s.keyframes());
        } else {
            KeyframeDone any = passed.any();
            if (any != null && passed.count() >= any.keyframesOfVideo()) {
                shots = any.shots();
                all = passed.all();
            }
        }
        VideoSpeech said = speech.value();
        if (all == null || (withSpeech && said == null)) {
            timer.restart(ctx.timerService());
            return;
        }
        timer.cancel(ctx.timerService());
        clear();
        assemble(
                shots,
                all,
                said,
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
        VideoStitched s = stitched.value();
        KeyframeDone any = chosen.any() != null ? chosen.any() : passed.any();
        boolean failedBefore = s != null && s.isFailed();
        // Speech alone, or keyframes of a video whose stitching failed: that failure has its row.
        if (!failedBefore && (s != null || any != null)) {
            int expected =
                    s != null && s.keyframes() != null
                            ? s.keyframes().size()
                            : any != null ? any.keyframesOfVideo() : 0;
            String parts =
                    withSpeech && speech.value() == null
                            ? "keyframes (and no speech)"
                            : "keyframes";
            Failures.incomplete(
                    Failures.emitter(ctx),
                    s != null ? s.video() : any.video(),
                    STAGE,
                    parts,
                    chosen.count() + passed.count(),
                    expected,
                    videoTimeout);
        }
        clear();
    }

    private void clear() {
        chosen.clear();
        passed.clear();
        stitched.clear();
        stitchedSent.clear();
        speech.clear();
    }

    /**
     * Writes a video's rows ({@link VideoAssembly}) to this operator's outputs: the video row to
     * the main output, the others to their side outputs.
     *
     * @param speech null when speech is off
     */
    static void assemble(
            ShotDetection shots, List<KeyframeDone> all, VideoSpeech speech, Rows ctx) {
        VideoAssembly.assemble(
                shots,
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
