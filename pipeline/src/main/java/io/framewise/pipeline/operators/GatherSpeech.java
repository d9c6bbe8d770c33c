package io.framewise.pipeline.operators;

import io.framewise.pipeline.messages.ChunkTranscript;
import io.framewise.pipeline.messages.SpeechPlan;
import io.framewise.pipeline.messages.VideoSpeech;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.speech.SpokenSegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by video, two inputs: the video's {@link SpeechPlan} and its chunks' transcripts, in any
 * order. Once the plan and as many transcripts as it announces are in, emits the video's {@link
 * VideoSpeech} (segments in time order, the language most segments are in) and clears its state.
 *
 * <p>When the transcripts stop arriving for the video timeout ({@code job.video-timeout}), the
 * speech goes on with the chunks that are in, and an {@code incomplete} failure row (stage {@code
 * speech}) says how many are missing: a lost transcript costs words, never the video. Chunks whose
 * plan never came are dropped with their state; the video's assembly, which then waits for speech
 * in vain, gives the video up with a row of its own.
 */
public final class GatherSpeech
        extends KeyedCoProcessFunction<String, SpeechPlan, ChunkTranscript, VideoSpeech> {

    private final Duration videoTimeout;
    private transient ValueState<SpeechPlan> plan;
    private transient VideoParts<Integer, ChunkTranscript> chunks;
    private transient VideoTimer timer;

    public GatherSpeech(Duration videoTimeout) {
        this.videoTimeout = videoTimeout;
    }

    @Override
    public void open(OpenContext context) {
        plan =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "plan", TypeInformation.of(SpeechPlan.class)));
        chunks =
                new VideoParts<>(
                        getRuntimeContext(),
                        "chunks-by-index",
                        Types.INT,
                        TypeInformation.of(ChunkTranscript.class));
        timer = new VideoTimer(getRuntimeContext(), videoTimeout);
    }

    @Override
    public void processElement1(SpeechPlan p, Context ctx, Collector<VideoSpeech> out)
            throws Exception {
        plan.update(p);
        fireIfComplete(ctx, out);
    }

    @Override
    public void processElement2(ChunkTranscript c, Context ctx, Collector<VideoSpeech> out)
            throws Exception {
        chunks.add(c.chunk(), c);
        fireIfComplete(ctx, out);
    }

    private void fireIfComplete(Context ctx, Collector<VideoSpeech> out) throws Exception {
        SpeechPlan p = plan.value();
        if (p == null || chunks.count() < p.chunks()) {
            timer.restart(ctx.timerService());
            return;
        }
        timer.cancel(ctx.timerService());
        List<ChunkTranscript> all = chunks.all();
        plan.clear();
        chunks.clear();
        out.collect(speech(p, all));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<VideoSpeech> out)
            throws Exception {
        if (!timer.fired(timestamp)) {
            return;
        }
        SpeechPlan p = plan.value();
        if (p != null) {
            ctx.output(
                    Tags.FAILURES,
                    FailureRow.ofVideo(
                            p.videoId(),
                            p.videoUri(),
                            ExtractSpeech.STAGE,
                            Failures.INCOMPLETE,
                            chunks.count()
                                    + " of "
                                    + p.chunks()
                                    + " chunks transcribed; no more within "
                                    + videoTimeout
                                    + "; the speech goes on without the others"));
            out.collect(speech(p, chunks.all()));
        }
        plan.clear();
        chunks.clear();
    }

    static VideoSpeech speech(SpeechPlan p, List<ChunkTranscript> all) {
        all.sort(Comparator.comparingInt(ChunkTranscript::chunk));
        List<SpokenSegment> segments = new ArrayList<>();
        Map<String, Integer> languages = new HashMap<>();
        String model = null;
        for (ChunkTranscript c : all) {
            segments.addAll(c.segments());
            if (c.language() != null && !c.segments().isEmpty()) {
                languages.merge(c.language(), c.segments().size(), Integer::sum);
            }
            if (model == null && !c.segments().isEmpty()) {
                model = c.model();
            }
        }
        segments.sort(Comparator.comparingLong(SpokenSegment::startMs));
        String language =
                languages.entrySet().stream()
                        .max(Map.Entry.<String, Integer>comparingByValue())
                        .map(Map.Entry::getKey)
                        .orElse(null);
        return new VideoSpeech(
                p.videoId(), p.audio().hasAudio(), p.audio().speechMs(), segments, language, model);
    }
}
