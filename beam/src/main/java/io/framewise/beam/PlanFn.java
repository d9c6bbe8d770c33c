package io.framewise.beam;

import io.framewise.pipeline.messages.Messages.SegmentTask;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.stages.Planning;
import io.framewise.pipeline.video.VideoFetcher;
import io.framewise.pipeline.video.VideoRef;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/** Step 1 ({@link Planning}): a video's segments, or its failure rows. */
final class PlanFn extends DoFn<VideoRef, SegmentTask> {

    static final TupleTag<SegmentTask> SEGMENTS = new TupleTag<>("segments") {};

    private final ShotDetector.Factory detectors;
    private final VideoFetcher.Factory fetchers;
    private final Distribution fetchMs = BeamMetrics.distribution(FramewiseMetrics.FETCH_MS);
    private transient ShotDetector detector;
    private transient VideoFetcher fetcher;

    PlanFn(ShotDetector.Factory detectors, VideoFetcher.Factory fetchers) {
        this.detectors = detectors;
        this.fetchers = fetchers;
    }

    @Setup
    public void setup() {
        detector = detectors.create();
        fetcher = fetchers.create();
    }

    @ProcessElement
    public void process(@Element VideoRef video, MultiOutputReceiver out) {
        Planning.Planned planned = Planning.plan(video, fetcher, detector);
        if (planned.fetchMs() >= 0) {
            fetchMs.update(planned.fetchMs());
        }
        planned.segments().forEach(out.get(SEGMENTS)::output);
        if (planned.failure() != null) {
            Outputs.videoFailed(out, planned.failure());
        }
    }

    @Teardown
    public void teardown() {
        if (detector != null) {
            detector.close();
        }
        if (fetcher != null) {
            fetcher.close();
        }
    }
}
