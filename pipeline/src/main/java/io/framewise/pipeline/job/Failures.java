package io.framewise.pipeline.job;

import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.video.VideoRef;
import java.util.function.Consumer;

/** Turns an error into the rows that record it: a failure row and a {@code failed} video row. */
final class Failures {

    private Failures() {}

    static FailureRow row(VideoRef video, String stage, String code, String message) {
        return new FailureRow(
                video.videoId(), video.uri(), stage, code, message, System.currentTimeMillis());
    }

    static VideoRow failedVideo(VideoRef video) {
        return new VideoRow(
                video.videoId(),
                video.uri(),
                0,
                0,
                0,
                0,
                0,
                null,
                0,
                0,
                0,
                "failed",
                System.currentTimeMillis(),
                null);
    }

    /** Where an operator sends side-output rows (its context's {@code output}). */
    record Emitter(Consumer<FailureRow> failure, Consumer<VideoRow> failedVideo) {}

    /** Emits both rows for a video that cannot be indexed; the job goes on. */
    static void videoFailed(
            Emitter emit, VideoRef video, String stage, String code, String message) {
        emit.failure().accept(row(video, stage, code, message));
        emit.failedVideo().accept(failedVideo(video));
    }
}
