package io.framewise.pipeline.operators;

import io.framewise.pipeline.messages.Messages.SegmentTask;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.remote.Outage;
import io.framewise.pipeline.shots.SegmentPlan;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.video.VideoFetcher;
import io.framewise.pipeline.video.VideoRef;
import java.nio.file.Path;
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
        metrics.unavailableGauge(
                FramewiseMetrics.STORAGE, () -> Outage.anyUnavailable(FramewiseMetrics.STORAGE));
    }

    @Override
    public void processElement(VideoRef video, Context ctx, Collector<SegmentTask> out) {
        Path local = null;
        try {
            long start = System.nanoTime();
            local = fetcher.fetch(video);
            fetchMs.update((System.nanoTime() - start) / 1_000_000);
            SegmentPlan plan = detector.plan(local);
            for (int i = 0; i < plan.segments().size(); i++) {
                out.collect(new SegmentTask(video, plan, i));
            }
        } catch (VideoException failure) {
            VideoException e = failure.naming(local, video.uri());
            String stage = isFetchError(e) ? "fetch" : "plan";
            Failures.videoFailed(Failures.emitter(ctx), video, stage, e.codeName(), e.getMessage());
        }
    }

    private static boolean isFetchError(VideoException e) {
        return e.code() == VideoException.Code.URI_REJECTED
                || e.code() == VideoException.Code.FETCH_FAILED;
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
