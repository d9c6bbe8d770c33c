package io.framewise.pipeline.operators;

import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.stages.VideoFailure;
import io.framewise.pipeline.video.VideoRef;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;

/** Turns an error into the rows that record it: a failure row and a {@code failed} video row. */
public final class Failures {

    /** The code of a video whose parts did not all arrive within the video timeout. */
    static final String INCOMPLETE = "incomplete";

    private Failures() {}

    /** A failure of the video as a whole: its input is the video's URI. */
    static FailureRow row(VideoRef video, String stage, String code, String message) {
        return VideoFailure.row(video, stage, code, message);
    }

    static VideoRow failedVideo(VideoRef video) {
        return VideoFailure.failedVideo(video);
    }

    /** Where an operator sends side-output rows (its context's {@code output}). */
    record Emitter(Consumer<FailureRow> failure, Consumer<VideoRow> failedVideo) {}

    /**
     * The side outputs {@link Tags#FAILURES} and {@link Tags#FAILED_VIDEOS} of a keyed operator.
     */
    static Emitter emitter(KeyedProcessFunction<String, ?, ?>.Context ctx) {
        return new Emitter(
                row -> ctx.output(Tags.FAILURES, row), row -> ctx.output(Tags.FAILED_VIDEOS, row));
    }

    /** The side outputs of a keyed two-input operator. */
    static Emitter emitter(KeyedCoProcessFunction<String, ?, ?, ?>.Context ctx) {
        return new Emitter(
                row -> ctx.output(Tags.FAILURES, row), row -> ctx.output(Tags.FAILED_VIDEOS, row));
    }

    /** Emits both rows of a failure a step found; the job goes on. */
    static void videoFailed(Emitter emit, VideoFailure failure) {
        videoFailed(emit, failure.video(), failure.stage(), failure.code(), failure.message());
    }

    /** Emits both rows for a video that cannot be indexed; the job goes on. */
    static void videoFailed(
            Emitter emit, VideoRef video, String stage, String code, String message) {
        emit.failure().accept(row(video, stage, code, message));
        emit.failedVideo().accept(failedVideo(video));
    }

    /**
     * Emits both rows for a video whose parts did not all arrive before its timer fired: a lost
     * message must cost one video, never state kept for ever.
     *
     * @param arrived how many of the video's parts did arrive
     * @param expected how many there should be; 0 when not known yet
     */
    static void incomplete(
            Emitter emit,
            VideoRef video,
            String stage,
            String parts,
            int arrived,
            int expected,
            Duration timeout) {
        String of = expected > 0 ? arrived + " of " + expected : String.valueOf(arrived);
        videoFailed(
                emit,
                video,
                stage,
                INCOMPLETE,
                of + " " + parts + " arrived; no more within " + timeout);
    }
}
