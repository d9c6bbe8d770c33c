package io.framewise.pipeline.job;

import io.framewise.pipeline.speech.SpokenSegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by video, two inputs: the video's {@link SpeechPlan} and its chunks' transcripts, in any
 * order. Once the plan and as many transcripts as it announces are in, emits the video's {@link
 * VideoSpeech} (segments in time order, the language most segments are in) and clears its state.
 */
final class GatherSpeech
        extends KeyedCoProcessFunction<String, SpeechPlan, ChunkTranscript, VideoSpeech> {

    private transient ValueState<SpeechPlan> plan;
    private transient ListState<ChunkTranscript> chunks;

    @Override
    public void open(OpenContext context) {
        plan =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "plan", TypeInformation.of(SpeechPlan.class)));
        chunks =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "chunks", TypeInformation.of(ChunkTranscript.class)));
    }

    @Override
    public void processElement1(SpeechPlan p, Context ctx, Collector<VideoSpeech> out)
            throws Exception {
        plan.update(p);
        fireIfComplete(out);
    }

    @Override
    public void processElement2(ChunkTranscript c, Context ctx, Collector<VideoSpeech> out)
            throws Exception {
        chunks.add(c);
        fireIfComplete(out);
    }

    private void fireIfComplete(Collector<VideoSpeech> out) throws Exception {
        SpeechPlan p = plan.value();
        if (p == null) {
            return;
        }
        List<ChunkTranscript> all = new ArrayList<>();
        Iterable<ChunkTranscript> stored = chunks.get();
        if (stored != null) {
            stored.forEach(all::add);
        }
        if (all.size() < p.chunks()) {
            return;
        }
        plan.clear();
        chunks.clear();
        out.collect(speech(p, all));
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
