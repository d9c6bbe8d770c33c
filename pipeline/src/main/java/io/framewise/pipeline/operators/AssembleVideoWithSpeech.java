package io.framewise.pipeline.operators;

import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.messages.VideoSpeech;
import io.framewise.pipeline.rows.VideoRow;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * {@link AssembleVideo} with speech on. Keyed by video, two inputs: the read keyframes and the
 * video's {@link VideoSpeech}, in any order; once all keyframes and the speech are in, writes the
 * rows as {@link AssembleVideo} does, with the {@code transcripts} rows, each shot's spoken text
 * ({@code shots.speech}, and on its keyframes' {@code frames} rows, so that it is embedded) and the
 * video's speech seconds and language. State is cleared when the video is done.
 *
 * <p>Every video gets its speech (the speech stage emits one, empty or not, for every video), so a
 * video waits for it no longer than for its keyframes. When nothing arrives for the video timeout
 * ({@code job.video-timeout}): a video with keyframes in is given up as {@link AssembleVideo} gives
 * one up ({@code incomplete}, {@code failed}); speech alone is dropped without a row, since its
 * video failed before it had keyframes and that failure has its own row. Either way the state is
 * cleared.
 */
public final class AssembleVideoWithSpeech
        extends KeyedCoProcessFunction<String, KeyframeDone, VideoSpeech, VideoRow> {

    private final Duration videoTimeout;
    private transient VideoParts<Long, KeyframeDone> arrived;
    private transient ValueState<VideoSpeech> speech;
    private transient VideoTimer timer;

    public AssembleVideoWithSpeech(Duration videoTimeout) {
        this.videoTimeout = videoTimeout;
    }

    @Override
    public void open(OpenContext context) {
        arrived = AssembleVideo.keyframes(getRuntimeContext());
        speech =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "speech", TypeInformation.of(VideoSpeech.class)));
        timer = new VideoTimer(getRuntimeContext(), videoTimeout);
    }

    @Override
    public void processElement1(KeyframeDone done, Context ctx, Collector<VideoRow> out)
            throws Exception {
        int in = arrived.add(done.keyframe().frame(), done);
        fireOrWait(in >= done.keyframesOfVideo(), ctx, out);
    }

    @Override
    public void processElement2(VideoSpeech s, Context ctx, Collector<VideoRow> out)
            throws Exception {
        speech.update(s);
        int in = arrived.count();
        fireOrWait(in > 0 && in >= arrived.any().keyframesOfVideo(), ctx, out);
    }

    private void fireOrWait(boolean allKeyframes, Context ctx, Collector<VideoRow> out)
            throws Exception {
        VideoSpeech s = speech.value();
        if (!allKeyframes || s == null) {
            timer.restart(ctx.timerService());
            return;
        }
        timer.cancel(ctx.timerService());
        List<KeyframeDone> all = arrived.all();
        arrived.clear();
        speech.clear();
        AssembleVideo.assemble(
                all,
                s,
                new AssembleVideo.Rows() {
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
                    AssembleVideo.STAGE,
                    speech.value() == null ? "keyframes (and no speech)" : "keyframes",
                    arrived.count(),
                    any.keyframesOfVideo(),
                    videoTimeout);
        }
        arrived.clear();
        speech.clear();
    }
}
