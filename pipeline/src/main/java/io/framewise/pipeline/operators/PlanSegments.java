package io.framewise.pipeline.operators;

import io.framewise.pipeline.messages.Messages.SegmentTask;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.remote.Outage;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.stages.Planning;
import io.framewise.pipeline.video.VideoFetcher;
import io.framewise.pipeline.video.VideoRef;
import java.util.Comparator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Probes each video and splits it into segments that later subtasks decode in parallel; a video
 * that cannot be fetched or opened becomes a failure row and a {@code failed} video row.
 */
public final class PlanSegments extends KeyedProcessFunction<String, VideoRef, SegmentTask> {

    private final ShotDetector.Factory detectors;
    private final VideoFetcher.Factory fetchers;
    private transient ShotDetector detector;
    private transient VideoFetcher fetcher;
    private transient Histogram fetchMs;

    public PlanSegments(ShotDetector.Factory detectors) {
        this(detectors, VideoFetcher.localFiles());
    }

    public PlanSegments(ShotDetector.Factory detectors, VideoFetcher.Factory fetchers) {
        this.detectors = detectors;
        this.fetchers = fetchers;
    }

    @Override
    public void open(OpenContext context) {
        detector = detectors.create();
        fetcher = fetchers.create();
        FramewiseMetrics metrics = FramewiseMetrics.of(getRuntimeContext().getMetricGroup());
        fetchMs = metrics.histogram(FramewiseMetrics.FETCH_MS);
        metrics.dependency(
                FramewiseMetrics.STORAGE,
                () -> Outage.anyUnavailable(FramewiseMetrics.STORAGE),
                () -> Outage.failedAttempts(FramewiseMetrics.STORAGE));
    }

    @Override
    public void processElement(VideoRef video, Context ctx, Collector<SegmentTask> out) {
        Planning.Planned planned = Planning.plan(video, fetcher, detector);
        if (planned.fetchMs() >= 0) {
            fetchMs.update(planned.fetchMs());
        }
        // Longest first: the decoding subtasks take segments in turn and the video waits for the
        // last of them, so a long segment handed out last would keep one subtask busy alone.
        planned.segments().stream()
                .sorted(
                        Comparator.comparingLong((SegmentTask t) -> t.plan().span(t.segment()))
                                .reversed())
                .forEach(out::collect);
        if (planned.failure() != null) {
            Failures.videoFailed(Failures.emitter(ctx), planned.failure());
        }
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
