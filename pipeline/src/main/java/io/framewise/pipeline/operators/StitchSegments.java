package io.framewise.pipeline.operators;

import io.framewise.pipeline.frames.KeyframeExtractor;
import io.framewise.pipeline.messages.Messages.KeyframeTask;
import io.framewise.pipeline.messages.Messages.KeyframeWorkTask;
import io.framewise.pipeline.messages.Messages.SegmentDone;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.stages.Stitching;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by video: keeps each video's decoded segments until all have arrived, then joins them into
 * the video's shots and clears the state. A video with a failed segment fails as a whole; so does
 * one whose segments stop arriving for the video timeout ({@code job.video-timeout}): an {@code
 * incomplete} failure row and a {@code failed} video row, and its state is cleared.
 *
 * <p>When the segments carry keyframe candidates (measured while decoding) and every shot has one,
 * the keyframes are chosen here and leave on {@link Tags#CHOSEN_KEYFRAMES}: the video is decoded
 * once. Otherwise (no candidates, or a shot without any) the keyframe work goes out split by
 * segment for a decoding pass of its own.
 */
public final class StitchSegments
        extends KeyedProcessFunction<String, SegmentDone, KeyframeWorkTask> {

    private final ShotDetector.Factory detectors;
    private final KeyframeExtractor.Factory extractors;
    private transient ShotDetector detector;
    private transient KeyframeExtractor extractor;
    private transient Counter keyframesChosen;
    private final Duration videoTimeout;
    private transient VideoParts<Integer, SegmentDone> arrived;
    private transient VideoTimer timer;
    private transient Counter shotsFound;

    public StitchSegments(
            ShotDetector.Factory detectors,
            KeyframeExtractor.Factory extractors,
            Duration videoTimeout) {
        this.detectors = detectors;
        this.extractors = extractors;
        this.videoTimeout = videoTimeout;
    }

    @Override
    public void open(OpenContext context) {
        detector = detectors.create();
        extractor = extractors.create();
        FramewiseMetrics metrics = FramewiseMetrics.of(getRuntimeContext().getMetricGroup());
        shotsFound = metrics.counter(FramewiseMetrics.SHOTS);
        keyframesChosen = metrics.counter(FramewiseMetrics.KEYFRAMES);
        arrived =
                new VideoParts<>(
                        getRuntimeContext(),
                        "segments-by-index",
                        Types.INT,
                        TypeInformation.of(SegmentDone.class));
        timer = new VideoTimer(getRuntimeContext(), videoTimeout);
    }

    @Override
    public void processElement(SegmentDone done, Context ctx, Collector<KeyframeWorkTask> out)
            throws Exception {
        if (arrived.add(done.segment(), done) < done.plan().segments().size()) {
            timer.restart(ctx.timerService());
            return;
        }
        timer.cancel(ctx.timerService());
        List<SegmentDone> all = arrived.all();
        arrived.clear();
        Stitching.Stitched stitched = Stitching.stitch(all, detector, extractor);
        shotsFound.inc(stitched.shots());
        if (stitched.failure() != null) {
            Failures.videoFailed(Failures.emitter(ctx), stitched.failure());
            return;
        }
        keyframesChosen.inc(stitched.chosen().size());
        for (KeyframeTask k : stitched.chosen()) {
            ctx.output(Tags.CHOSEN_KEYFRAMES, k);
        }
        stitched.work().forEach(out::collect);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyframeWorkTask> out)
            throws Exception {
        if (!timer.fired(timestamp)) {
            return;
        }
        SegmentDone any = arrived.any();
        if (any != null) {
            Failures.incomplete(
                    Failures.emitter(ctx),
                    any.video(),
                    "stitch",
                    "segments",
                    arrived.count(),
                    any.plan().segments().size(),
                    videoTimeout);
        }
        arrived.clear();
    }

    @Override
    public void close() {
        if (detector != null) {
            detector.close();
        }
        if (extractor != null) {
            extractor.close();
        }
    }
}
