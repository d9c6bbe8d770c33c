package io.framewise.pipeline.operators;

import io.framewise.pipeline.frames.KeyframeExtractor;
import io.framewise.pipeline.messages.Messages.KeyframeTask;
import io.framewise.pipeline.messages.Messages.KeyframesChosen;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.stages.KeyframeCollection;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by video: keeps the parts of a video's keyframes until all have arrived, drops keyframes
 * that repeat an earlier shot's (the one choice that crosses parts), and sends the rest on one by
 * one with the video's keyframe count. A video with a failed part, or with no keyframe at all,
 * fails as a whole; so does one whose parts stop arriving for the video timeout ({@code
 * job.video-timeout}): an {@code incomplete} failure row and a {@code failed} video row, and its
 * state is cleared.
 */
public final class CollectKeyframes
        extends KeyedProcessFunction<String, KeyframesChosen, KeyframeTask> {

    private final KeyframeExtractor.Factory extractors;
    private transient KeyframeExtractor extractor;
    private final Duration videoTimeout;
    private transient VideoParts<Integer, KeyframesChosen> arrived;
    private transient VideoTimer timer;
    private transient Counter keyframesChosen;

    public CollectKeyframes(KeyframeExtractor.Factory extractors, Duration videoTimeout) {
        this.extractors = extractors;
        this.videoTimeout = videoTimeout;
    }

    @Override
    public void open(OpenContext context) {
        extractor = extractors.create();
        keyframesChosen =
                FramewiseMetrics.of(getRuntimeContext().getMetricGroup())
                        .counter(FramewiseMetrics.KEYFRAMES);
        arrived =
                new VideoParts<>(
                        getRuntimeContext(),
                        "keyframe-parts-by-index",
                        Types.INT,
                        TypeInformation.of(KeyframesChosen.class));
        timer = new VideoTimer(getRuntimeContext(), videoTimeout);
    }

    @Override
    public void processElement(KeyframesChosen part, Context ctx, Collector<KeyframeTask> out)
            throws Exception {
        if (arrived.add(part.work().part(), part) < part.work().parts()) {
            timer.restart(ctx.timerService());
            return;
        }
        timer.cancel(ctx.timerService());
        List<KeyframesChosen> all = arrived.all();
        arrived.clear();
        KeyframeCollection.Collected collected = KeyframeCollection.collect(all, extractor);
        if (collected.failure() != null) {
            Failures.videoFailed(Failures.emitter(ctx), collected.failure());
            return;
        }
        keyframesChosen.inc(collected.keyframes().size());
        collected.keyframes().forEach(out::collect);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyframeTask> out)
            throws Exception {
        if (!timer.fired(timestamp)) {
            return;
        }
        KeyframesChosen any = arrived.any();
        if (any != null) {
            Failures.incomplete(
                    Failures.emitter(ctx),
                    any.video(),
                    "keyframes",
                    "keyframe parts",
                    arrived.count(),
                    any.work().parts(),
                    videoTimeout);
        }
        arrived.clear();
    }

    @Override
    public void close() {
        if (extractor != null) {
            extractor.close();
        }
    }
}
