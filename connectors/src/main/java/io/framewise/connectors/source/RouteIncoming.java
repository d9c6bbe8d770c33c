package io.framewise.connectors.source;

import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.video.VideoRef;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends the videos on to the indexing job and the malformed events aside: each one to the
 * dead-letter topic ({@link #DEAD_LETTERS}, bytes unchanged) and as a row to the {@code failures}
 * table ({@link #FAILURES}, stage {@code source}: the Kafka origin in {@code input}, the reason in
 * {@code message}, the event in {@code payload}).
 */
public final class RouteIncoming extends ProcessFunction<Incoming, VideoRef> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    public static final OutputTag<FailureRow> FAILURES =
            new OutputTag<>("source-failures", TypeInformation.of(FailureRow.class));

    /** The most of an event kept in a failure row; the dead-letter topic keeps all of it. */
    static final int EVENT_CHARS = 10_000;

    private transient Counter malformed;

    @Override
    public void open(OpenContext context) {
        malformed =
                FramewiseMetrics.of(getRuntimeContext().getMetricGroup())
                        .counter(FramewiseMetrics.MALFORMED_EVENTS);
    }

    @Override
    public void processElement(Incoming in, Context ctx, Collector<VideoRef> out) {
        if (in.video() != null) {
            out.collect(in.video());
            return;
        }
        DeadLetter letter = in.deadLetter();
        malformed.inc();
        ctx.output(DEAD_LETTERS, letter);
        ctx.output(FAILURES, failureRow(letter));
    }

    /**
     * The failures row of a dead letter: no video (the event never became one), its origin for the
     * input, the reason, and the event's text as the payload.
     */
    static FailureRow failureRow(DeadLetter letter) {
        String event =
                letter.value() == null ? null : new String(letter.value(), StandardCharsets.UTF_8);
        if (event != null && event.length() > EVENT_CHARS) {
            event = event.substring(0, EVENT_CHARS) + "...";
        }
        return new FailureRow(
                null,
                null,
                "source",
                letter.code(),
                letter.reason(),
                letter.origin(),
                event,
                1,
                System.currentTimeMillis());
    }
}
