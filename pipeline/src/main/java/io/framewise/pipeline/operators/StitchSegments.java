package io.framewise.pipeline.operators;

import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeExtractor;
import io.framewise.pipeline.messages.Messages.KeyframeTask;
import io.framewise.pipeline.messages.Messages.KeyframeWorkTask;
import io.framewise.pipeline.messages.Messages.SegmentDone;
import io.framewise.pipeline.messages.Messages.VideoNews;
import io.framewise.pipeline.messages.Messages.VideoStitched;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.stages.SettledKeyframes;
import io.framewise.pipeline.stages.Stitching;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
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
 * once. Those of the shots that the first segments settle leave as soon as those segments are in
 * ({@link SettledKeyframes}), so that they are read while the rest decodes; the rest leave with the
 * last segment, and {@link VideoStitched} on {@link Tags#STITCHED} tells the assembly the shots and
 * the final keyframes. Otherwise (no candidates, or a shot without any) the keyframe work goes out
 * split by segment for a decoding pass of its own.
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
    private transient VideoParts<Long, Keyframe> sent;
    private transient ValueState<Integer> settledThrough;
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
        sent =
                new VideoParts<>(
                        getRuntimeContext(),
                        "sent-keyframes",
                        Types.LONG,
                        TypeInformation.of(Keyframe.class));
        settledThrough =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("settled-through", Types.INT));
        timer = new VideoTimer(getRuntimeContext(), videoTimeout);
    }

    @Override
    public void processElement(SegmentDone done, Context ctx, Collector<KeyframeWorkTask> out)
            throws Exception {
        if (arrived.add(done.segment(), done) < done.plan().segments().size()) {
            timer.restart(ctx.timerService());
            sendSettled(done, ctx);
            return;
        }
        timer.cancel(ctx.timerService());
        List<SegmentDone> all = arrived.all();
        Map<Long, Keyframe> early = new HashMap<>();
        sent.all().forEach(k -> early.put(k.frame(), k));
        clear();
        Stitching.Stitched stitched = Stitching.stitchAfter(all, detector, extractor, early);
        shotsFound.inc(stitched.shots());
        if (stitched.stitched() != null) {
            ctx.output(Tags.STITCHED, VideoNews.of(stitched.stitched()));
        }
        if (stitched.failure() != null) {
            Failures.videoFailed(Failures.emitter(ctx), stitched.failure());
            return;
        }
        List<Keyframe> keyframes =
                stitched.stitched() == null ? null : stitched.stitched().keyframes();
        keyframesChosen.inc(keyframes == null ? stitched.chosen().size() : keyframes.size());
        for (KeyframeTask k : stitched.chosen()) {
            ctx.output(Tags.CHOSEN_KEYFRAMES, k);
        }
        stitched.work().forEach(out::collect);
    }

    /**
     * Sends on the keyframes of the shots that the video's first segments settle, when the run of
     * segments in from the first has grown enough since they were last chosen ({@link
     * SettledKeyframes#due}).
     */
    private void sendSettled(SegmentDone done, Context ctx) throws Exception {
        Integer through = settledThrough.value();
        int settled = through == null ? 0 : through;
        if (settled == Integer.MAX_VALUE) {
            return; // a segment failed: the video fails once all are in, nothing goes early
        }
        int run = settled;
        while (arrived.has(run)) {
            run++;
        }
        if (!SettledKeyframes.due(settled, run)) {
            return;
        }
        List<SegmentDone> first = new ArrayList<>(run);
        for (int i = 0; i < run; i++) {
            SegmentDone d = arrived.get(i);
            if (d.features() == null) {
                // A failed segment fails the whole video once all are in: nothing more to send.
                settledThrough.update(Integer.MAX_VALUE);
                return;
            }
            first.add(d);
        }
        settledThrough.update(run);
        Set<Long> frames = new HashSet<>();
        sent.all().forEach(k -> frames.add(k.frame()));
        for (Keyframe k : SettledKeyframes.choose(first, frames, detector, extractor)) {
            ctx.output(Tags.CHOSEN_KEYFRAMES, KeyframeTask.chosen(done.video(), k));
            sent.add(k.frame(), k.withImage(null));
        }
    }

    private void clear() {
        arrived.clear();
        sent.clear();
        settledThrough.clear();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyframeWorkTask> out)
            throws Exception {
        if (!timer.fired(timestamp)) {
            return;
        }
        SegmentDone any = arrived.any();
        int early = sent.count();
        if (any != null && early > 0) {
            ctx.output(Tags.STITCHED, VideoNews.of(VideoStitched.failed(any.video(), early)));
        }
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
        clear();
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
