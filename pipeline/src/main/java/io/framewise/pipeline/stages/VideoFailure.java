package io.framewise.pipeline.stages;

import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.video.VideoRef;
import java.io.Serializable;

/**
 * A video that cannot be indexed, as a step found it: it becomes a {@code failures} row and a
 * {@code failed} video row, and the job goes on.
 */
public record VideoFailure(VideoRef video, String stage, String code, String message)
        implements Serializable {

    /** The {@code failures} row of this failure. */
    public FailureRow row() {
        return row(video, stage, code, message);
    }

    /** The {@code failed} row of this failure's video. */
    public VideoRow failedVideo() {
        return failedVideo(video);
    }

    /** A failure of the video as a whole: its input is the video's URI. */
    public static FailureRow row(VideoRef video, String stage, String code, String message) {
        return FailureRow.ofVideo(video.videoId(), video.uri(), stage, code, message);
    }

    /** The {@code failed} row of a video that cannot be indexed. */
    public static VideoRow failedVideo(VideoRef video) {
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
}
