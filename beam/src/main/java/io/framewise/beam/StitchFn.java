package io.framewise.beam;

import io.framewise.pipeline.frames.KeyframeExtractor;
import io.framewise.pipeline.messages.Messages.KeyframeTask;
import io.framewise.pipeline.messages.Messages.KeyframeWorkTask;
import io.framewise.pipeline.messages.Messages.SegmentDone;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.stages.Stitching;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Step 3 ({@link Stitching}), on all of a video's segments at once (grouped by video): its shots,
 * then either its keyframes (chosen from the candidates the decoding measured) or its keyframe work
 * for a second decoding pass.
 */
final class StitchFn extends DoFn<KV<String, Iterable<SegmentDone>>, KeyframeTask> {

    static final TupleTag<KeyframeTask> CHOSEN = new TupleTag<>("chosen-keyframes") {};
    static final TupleTag<KeyframeWorkTask> WORK = new TupleTag<>("keyframe-work") {};

    private final ShotDetector.Factory detectors;
    private final KeyframeExtractor.Factory extractors;
    private final Counter shots = BeamMetrics.counter(FramewiseMetrics.SHOTS);
    private final Counter keyframes = BeamMetrics.counter(FramewiseMetrics.KEYFRAMES);
    private transient ShotDetector detector;
    private transient KeyframeExtractor extractor;

    StitchFn(ShotDetector.Factory detectors, KeyframeExtractor.Factory extractors) {
        this.detectors = detectors;
        this.extractors = extractors;
    }

    @Setup
    public void setup() {
        detector = detectors.create();
        extractor = extractors.create();
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<SegmentDone>> video, MultiOutputReceiver out) {
        List<SegmentDone> segments = new ArrayList<>();
        video.getValue().forEach(segments::add);
        Stitching.Stitched stitched = Stitching.stitch(segments, detector, extractor);
        shots.inc(stitched.shots());
        if (stitched.failure() != null) {
            Outputs.videoFailed(out, stitched.failure());
            return;
        }
        keyframes.inc(stitched.chosen().size());
        stitched.chosen().forEach(out.get(CHOSEN)::output);
        stitched.work().forEach(out.get(WORK)::output);
    }

    @Teardown
    public void teardown() {
        if (detector != null) {
            detector.close();
        }
        if (extractor != null) {
            extractor.close();
        }
    }
}
