package io.framewise.pipeline.rows;

import java.io.Serializable;

/**
 * A row of the {@code failures} table: something that could not be processed, and why.
 *
 * <p>Every column means one thing whatever the stage: {@code uri} is always the video's, {@code
 * input} names exactly what failed, and any payload the failure carries (a rejected document, an
 * unreadable event) travels in {@code payload}, never pasted into {@code message}.
 *
 * @param videoId null when the input never became a video reference
 * @param uri the video's URI; null only where there is no video (an event that could not be read)
 * @param stage where it failed, e.g. {@code plan}, {@code decode}, {@code keyframes}, {@code ocr}
 * @param code machine-readable reason, e.g. {@code truncated}
 * @param message one line for people
 * @param input what exactly failed, named so that its kind shows: the video's URI, a shot ({@code
 *     shot:videoId/shot}), a keyframe ({@code keyframe:videoId/shot/frame}), a chunk of audio
 *     ({@code chunk:videoId/chunk}), a search document ({@code elasticsearch:index/id}) or a Kafka
 *     record ({@code kafka://topic/partition/offset})
 * @param payload the failed input's content where there is one worth keeping (a rejected document's
 *     source, an event's bytes as text); null otherwise
 * @param attempt how many times it was tried before it was given up (1 when it is not retried)
 * @param at epoch milliseconds (partition date)
 */
public record FailureRow(
        String videoId,
        String uri,
        String stage,
        String code,
        String message,
        String input,
        String payload,
        int attempt,
        long at)
        implements Serializable {

    /** A failure of the video at {@code uri} as a whole: its input is the video, tried once. */
    public static FailureRow ofVideo(
            String videoId, String uri, String stage, String code, String message) {
        return new FailureRow(
                videoId, uri, stage, code, message, uri, null, 1, System.currentTimeMillis());
    }

    /** This failure with {@code input} as what failed. */
    public FailureRow withInput(String input) {
        return new FailureRow(videoId, uri, stage, code, message, input, payload, attempt, at);
    }

    /** This failure carrying {@code payload}. */
    public FailureRow withPayload(String payload) {
        return new FailureRow(videoId, uri, stage, code, message, input, payload, attempt, at);
    }

    /** This failure after {@code attempt} tries. */
    public FailureRow withAttempt(int attempt) {
        return new FailureRow(videoId, uri, stage, code, message, input, payload, attempt, at);
    }

    /** The {@link #input} of one shot. */
    public static String shot(String videoId, int shot) {
        return "shot:" + videoId + "/" + shot;
    }

    /** The {@link #input} of one keyframe. */
    public static String keyframe(String videoId, int shot, long frame) {
        return "keyframe:" + videoId + "/" + shot + "/" + frame;
    }

    /** The {@link #input} of one chunk of a video's audio. */
    public static String chunk(String videoId, int chunk) {
        return "chunk:" + videoId + "/" + chunk;
    }
}
