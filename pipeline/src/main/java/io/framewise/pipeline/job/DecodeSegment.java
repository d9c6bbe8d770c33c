package io.framewise.pipeline.job;

import io.framewise.pipeline.job.Messages.SegmentDone;
import io.framewise.pipeline.job.Messages.SegmentTask;
import io.framewise.pipeline.shots.SegmentFeatures;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.shots.VideoException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes one segment of a video into its frame features; the segments of a long video are spread
 * over this operator's parallel subtasks. A segment that fails still reports, with its error, so
 * that the stitch step does not wait for it.
 */
final class DecodeSegment extends ProcessFunction<SegmentTask, SegmentDone> {

    private final ShotDetector.Factory detectors;
    private transient ShotDetector detector;

    DecodeSegment(ShotDetector.Factory detectors) {
        this.detectors = detectors;
    }

    @Override
    public void open(OpenContext context) {
        detector = detectors.create();
    }

    @Override
    public void processElement(SegmentTask task, Context ctx, Collector<SegmentDone> out) {
        try {
            SegmentFeatures f = detector.decode(task.plan(), task.segment());
            JobProgress.framesDecoded(f.frames());
            out.collect(new SegmentDone(task.video(), task.plan(), task.segment(), f, null, null));
        } catch (VideoException e) {
            out.collect(
                    new SegmentDone(
                            task.video(),
                            task.plan(),
                            task.segment(),
                            null,
                            e.codeName(),
                            e.getMessage()));
        }
    }

    @Override
    public void close() {
        if (detector != null) {
            detector.close();
        }
    }
}
