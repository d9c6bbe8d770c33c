package io.framewise.pipeline.job;

import io.framewise.pipeline.job.Messages.KeyframeDone;
import io.framewise.pipeline.rows.VideoRow;
import java.time.Duration;
import java.util.ArrayList;
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
import org.apache.flink.util.OutputTag;

/**
 * {@link AssembleVideo} with speech on. Keyed by video, two inputs: the read keyframes and the
 * video's {@link VideoSpeech}, in any order; once all keyframes and the speech are in, writes the
 * rows as {@link AssembleVideo} does, with the {@code transcripts} rows, each shot's spoken text
 * ({@code shots.speech}, and on its keyframes' {@code frames} rows, so that it is embedded) and the
 * video's speech seconds and language. State is cleared when the video is done.
 *
 * <p>Every video gets its speech (the speech stage emits one, empty or not, for every video and
 * never fails), so no video waits for it for long. Speech whose video never has keyframes (a video
 * that failed to decode) is dropped after {@link #ORPHANED_SPEECH}.
 */
final class AssembleVideoWithSpeech
        extends KeyedCoProcessFunction<String, KeyframeDone, VideoSpeech, VideoRow> {

    /** How long speech waits for keyframes that may never come. */
    static final Duration ORPHANED_SPEECH = Duration.ofHours(6);

    private transient ListState<KeyframeDone> arrived;
    private transient ValueState<VideoSpeech> speech;
    private transient ValueState<Long> cleanup;

    @Override
    public void open(OpenContext context) {
        arrived =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "keyframes", TypeInformation.of(KeyframeDone.class)));
        speech =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "speech", TypeInformation.of(VideoSpeech.class)));
        cleanup = getRuntimeContext().getState(new ValueStateDescriptor<>("cleanup", Types.LONG));
    }

    @Override
    public void processElement1(KeyframeDone done, Context ctx, Collector<VideoRow> out)
            throws Exception {
        arrived.add(done);
        fireIfComplete(done.keyframesOfVideo(), ctx, out);
    }

    @Override
    public void processElement2(VideoSpeech s, Context ctx, Collector<VideoRow> out)
            throws Exception {
        speech.update(s);
        Iterable<KeyframeDone> stored = arrived.get();
        int expected =
                stored != null && stored.iterator().hasNext()
                        ? stored.iterator().next().keyframesOfVideo()
                        : Integer.MAX_VALUE;
        if (!fireIfComplete(expected, ctx, out) && cleanup.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + ORPHANED_SPEECH.toMillis();
            ctx.timerService().registerProcessingTimeTimer(at);
            cleanup.update(at);
        }
    }

    private boolean fireIfComplete(int expected, Context ctx, Collector<VideoRow> out)
            throws Exception {
        VideoSpeech s = speech.value();
        if (s == null) {
            return false;
        }
        List<KeyframeDone> all = new ArrayList<>();
        Iterable<KeyframeDone> stored = arrived.get();
        if (stored != null) {
            stored.forEach(all::add);
        }
        if (all.isEmpty() || all.size() < expected) {
            return false;
        }
        arrived.clear();
        speech.clear();
        Long timer = cleanup.value();
        if (timer != null) {
            ctx.timerService().deleteProcessingTimeTimer(timer);
            cleanup.clear();
        }
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
        return true;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<VideoRow> out) {
        speech.clear();
        cleanup.clear();
    }
}
