package io.framewise.pipeline.operators;

import io.framewise.pipeline.messages.Messages.SegmentTask;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.remote.Outage;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.stages.Planning;
import io.framewise.pipeline.video.VideoFetcher;
import io.framewise.pipeline.video.VideoRef;
import java.util.Comparator;
import java.util.List;
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

    /** How near the longest segment's span a segment's is to go in video order. */
    static final double FULL = 0.75;

    /**
     * The order a plan's segments are handed out in. Longest first, since the decoding subtasks
     * take them in turn and the video waits for the last of them: a long segment handed out last
     * would keep one subtask busy alone. But segments within {@link #FULL} of the longest (all but
     * the last, as planned) go in video order, so that the first segments are in first and their
     * settled shots' keyframes are read while the rest decode ({@code SettledKeyframes}).
     */
    static List<SegmentTask> inHandoutOrder(List<SegmentTask> tasks) {
        long longest = 0;
        for (SegmentTask t : tasks) {
            longest = Math.max(longest, t.plan().span(t.segment()));
        }
        double full = FULL * longest;
        return tasks.stream()
                .sorted(
                        Comparator.comparingLong(
                                        (SegmentTask t) -> {
                                            long span = t.plan().span(t.segment());
                                            return span >= full ? Long.MIN_VALUE : -span;
                                        })
                                .thenComparingInt(SegmentTask::segment))
                .toList();
    }

    @Override
    public void processElement(VideoRef video, Context ctx, Collector<SegmentTask> out) {
        Planning.Planned planned = Planning.plan(video, fetcher, detector);
        if (planned.fetchMs() >= 0) {
            fetchMs.update(planned.fetchMs());
        }
        inHandoutOrder(planned.segments()).forEach(out::collect);
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
