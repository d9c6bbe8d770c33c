package io.framewise.beam;

import io.framewise.pipeline.frames.KeyframeExtractor;
import io.framewise.pipeline.messages.Messages.KeyframeTask;
import io.framewise.pipeline.messages.Messages.KeyframesChosen;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.stages.KeyframeCollection;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/** Step 4b ({@link KeyframeCollection}), on all parts of a video's keyframes at once. */
final class CollectKeyframesFn extends DoFn<KV<String, Iterable<KeyframesChosen>>, KeyframeTask> {

    static final TupleTag<KeyframeTask> KEYFRAMES = new TupleTag<>("collected-keyframes") {};

    private final KeyframeExtractor.Factory extractors;
    private final Counter keyframes = BeamMetrics.counter(FramewiseMetrics.KEYFRAMES);
    private transient KeyframeExtractor extractor;

    CollectKeyframesFn(KeyframeExtractor.Factory extractors) {
        this.extractors = extractors;
    }

    @Setup
    public void setup() {
        extractor = extractors.create();
    }

    @ProcessElement
    public void process(
            @Element KV<String, Iterable<KeyframesChosen>> video, MultiOutputReceiver out) {
        List<KeyframesChosen> parts = new ArrayList<>();
        video.getValue().forEach(parts::add);
        KeyframeCollection.Collected collected = KeyframeCollection.collect(parts, extractor);
        if (collected.failure() != null) {
            Outputs.videoFailed(out, collected.failure());
            return;
        }
        keyframes.inc(collected.keyframes().size());
        collected.keyframes().forEach(out.get(KEYFRAMES)::output);
    }

    @Teardown
    public void teardown() {
        if (extractor != null) {
            extractor.close();
        }
    }
}
