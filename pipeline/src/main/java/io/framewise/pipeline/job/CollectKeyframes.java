package io.framewise.pipeline.job;

import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeExtractor;
import io.framewise.pipeline.job.Messages.KeyframeTask;
import io.framewise.pipeline.job.Messages.KeyframesChosen;
import io.framewise.pipeline.shots.ShotDetection;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by video: keeps the parts of a video's keyframes until all have arrived, drops keyframes
 * that repeat an earlier shot's (the one choice that crosses parts), and sends the rest on one by
 * one with the video's keyframe count. A video with a failed part, or with no keyframe at all,
 * fails as a whole.
 */
final class CollectKeyframes extends KeyedProcessFunction<String, KeyframesChosen, KeyframeTask> {

    private final KeyframeExtractor.Factory extractors;
    private transient KeyframeExtractor extractor;
    private transient ListState<KeyframesChosen> arrived;
    private transient Counter keyframesChosen;

    CollectKeyframes(KeyframeExtractor.Factory extractors) {
        this.extractors = extractors;
    }

    @Override
    public void open(OpenContext context) {
        extractor = extractors.create();
        keyframesChosen =
                FramewiseMetrics.of(getRuntimeContext().getMetricGroup())
                        .counter(FramewiseMetrics.KEYFRAMES);
        arrived =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "keyframe-parts",
                                        TypeInformation.of(KeyframesChosen.class)));
    }

    @Override
    public void processElement(KeyframesChosen part, Context ctx, Collector<KeyframeTask> out)
            throws Exception {
        arrived.add(part);
        List<KeyframesChosen> all = new ArrayList<>();
        arrived.get().forEach(all::add);
        if (all.size() < part.work().parts()) {
            return;
        }
        arrived.clear();
        List<Keyframe> chosen = new ArrayList<>();
        for (KeyframesChosen p : all) {
            if (p.keyframes() == null) {
                Failures.videoFailed(
                        PlanSegments.emitter(ctx),
                        part.video(),
                        "keyframes",
                        p.errorCode(),
                        p.errorMessage());
                return;
            }
            chosen.addAll(p.keyframes());
        }
        List<Keyframe> keyframes = extractor.dropRepeats(chosen);
        if (keyframes.isEmpty()) {
            Failures.videoFailed(
                    PlanSegments.emitter(ctx),
                    part.video(),
                    "keyframes",
                    "corrupt",
                    "no keyframe could be extracted");
            return;
        }
        ShotDetection shots = part.shots().withoutFrames();
        keyframesChosen.inc(keyframes.size());
        for (Keyframe k : keyframes) {
            out.collect(new KeyframeTask(part.video(), shots, k, keyframes.size()));
        }
    }

    @Override
    public void close() {
        if (extractor != null) {
            extractor.close();
        }
    }
}
