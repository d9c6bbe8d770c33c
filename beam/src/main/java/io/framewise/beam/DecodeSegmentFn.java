package io.framewise.beam;

import io.framewise.pipeline.messages.Messages.SegmentDone;
import io.framewise.pipeline.messages.Messages.SegmentTask;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.stages.SegmentDecoding;
import io.framewise.pipeline.video.VideoFetcher;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;

/** Step 2 ({@link SegmentDecoding}): one segment's frame features, or why it failed. */
final class DecodeSegmentFn extends DoFn<SegmentTask, SegmentDone> {

    private final ShotDetector.Factory detectors;
    private final VideoFetcher.Factory fetchers;
    private final Counter framesDecoded = BeamMetrics.counter(FramewiseMetrics.FRAMES_DECODED);
    private transient ShotDetector detector;
    private transient VideoFetcher fetcher;

    DecodeSegmentFn(ShotDetector.Factory detectors, VideoFetcher.Factory fetchers) {
        this.detectors = detectors;
        this.fetchers = fetchers;
    }

    @Setup
    public void setup() {
        detector = detectors.create();
        fetcher = fetchers.create();
    }

    @ProcessElement
    public void process(@Element SegmentTask task, OutputReceiver<SegmentDone> out) {
        SegmentDone done = SegmentDecoding.decode(task, fetcher, detector);
        if (done.features() != null) {
            framesDecoded.inc(done.features().frames());
        }
        out.output(done);
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
