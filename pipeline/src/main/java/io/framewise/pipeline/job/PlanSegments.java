package io.framewise.pipeline.job;

import io.framewise.pipeline.job.Messages.SegmentTask;
import io.framewise.pipeline.shots.SegmentPlan;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.shots.VideoException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Probes each video and splits it into segments that later subtasks decode in parallel; a video
 * that cannot be opened becomes a failure row and a {@code failed} video row.
 */
final class PlanSegments extends KeyedProcessFunction<String, VideoRef, SegmentTask> {

    private final ShotDetector.Factory detectors;
    private transient ShotDetector detector;

    PlanSegments(ShotDetector.Factory detectors) {
        this.detectors = detectors;
    }

    @Override
    public void open(OpenContext context) {
        detector = detectors.create();
    }

    @Override
    public void processElement(VideoRef video, Context ctx, Collector<SegmentTask> out) {
        try {
            SegmentPlan plan = detector.plan(video.path());
            for (int i = 0; i < plan.segments().size(); i++) {
                out.collect(new SegmentTask(video, plan, i));
            }
        } catch (VideoException e) {
            Failures.videoFailed(emitter(ctx), video, "plan", e.codeName(), e.getMessage());
        }
    }

    static Failures.Emitter emitter(KeyedProcessFunction<String, ?, ?>.Context ctx) {
        return new Failures.Emitter(
                row -> ctx.output(Tags.FAILURES, row), row -> ctx.output(Tags.FAILED_VIDEOS, row));
    }

    @Override
    public void close() {
        if (detector != null) {
            detector.close();
        }
    }
}
