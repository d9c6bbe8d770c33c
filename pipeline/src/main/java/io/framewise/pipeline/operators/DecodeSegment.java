package io.framewise.pipeline.operators;

import io.framewise.pipeline.messages.Messages.SegmentDone;
import io.framewise.pipeline.messages.Messages.SegmentTask;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.metrics.JobCounts;
import io.framewise.pipeline.remote.Outage;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.stages.SegmentDecoding;
import io.framewise.pipeline.video.VideoFetcher;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes one segment of a video into its frame features; the segments of a long video are spread
 * over this operator's parallel subtasks, each fetching the video for itself (a remote one into a
 * spill file). A segment that fails still reports, with its error, so that the stitch step does not
 * wait for it.
 */
public final class DecodeSegment extends ProcessFunction<SegmentTask, SegmentDone> {

    private final ShotDetector.Factory detectors;
    private final VideoFetcher.Factory fetchers;
    private transient ShotDetector detector;
    private transient VideoFetcher fetcher;
    private transient Counter framesDecoded;
    private transient LongCounter frameCount;

    public DecodeSegment(ShotDetector.Factory detectors) {
        this(detectors, VideoFetcher.localFiles());
    }

    public DecodeSegment(ShotDetector.Factory detectors, VideoFetcher.Factory fetchers) {
        this.detectors = detectors;
        this.fetchers = fetchers;
    }

    @Override
    public void open(OpenContext context) {
        detector = detectors.create();
        fetcher = fetchers.create();
        FramewiseMetrics metrics = FramewiseMetrics.of(getRuntimeContext().getMetricGroup());
        framesDecoded = metrics.counter(FramewiseMetrics.FRAMES_DECODED);
        metrics.meter(FramewiseMetrics.FRAMES_DECODED_PER_SECOND, framesDecoded);
        frameCount = JobCounts.counter(getRuntimeContext(), JobCounts.FRAMES_DECODED);
        // Segments are fetched here too, on every TaskManager that decodes.
        metrics.dependency(
                FramewiseMetrics.STORAGE,
                () -> Outage.anyUnavailable(FramewiseMetrics.STORAGE),
                () -> Outage.failedAttempts(FramewiseMetrics.STORAGE));
    }

    @Override
    public void processElement(SegmentTask task, Context ctx, Collector<SegmentDone> out) {
        SegmentDone done = SegmentDecoding.decode(task, fetcher, detector);
        if (done.features() != null) {
            frameCount.add((long) done.features().frames());
            framesDecoded.inc(done.features().frames());
        }
        out.collect(done);
    }

    @Override
    public void close() {
        if (detector != null) {
            detector.close();
        }
        if (fetcher != null) {
            fetcher.close();
        }
    }
}
