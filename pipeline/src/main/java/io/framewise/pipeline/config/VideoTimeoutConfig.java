package io.framewise.pipeline.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * How long the per-video operators wait for a video's next part ({@code job.video-timeout}):
 * segments at stitching, keyframe parts, keyframes and speech at assembly, shots at the summary,
 * chunks of speech. A video whose parts stop arriving for this long is given up as {@code failed}
 * with an {@code incomplete} failure row, and its state is cleared, so that a lost message costs
 * one video and never keeps state for the months a streaming job runs.
 *
 * <p>The default, two hours, is far beyond the time between two parts of one video when the job
 * flows (seconds to minutes, however long the video: parts are produced together and only wait
 * behind other videos' work); it is meant to catch what is lost, not what is slow.
 *
 * @param videoTimeout the longest wait for a video's next part; positive
 */
public record VideoTimeoutConfig(Duration videoTimeout) implements Serializable {

    public static final String KEY = "job.video-timeout";

    /** The key with its default. */
    public static final Map<String, String> KEYS = Map.of(KEY, "PT2H");

    public static final VideoTimeoutConfig DEFAULTS = from(new Properties());

    public VideoTimeoutConfig {
        Settings.require(
                videoTimeout != null && !videoTimeout.isNegative() && !videoTimeout.isZero(),
                KEY + " must be a positive duration, got " + videoTimeout);
    }

    /** Reads {@code job.video-timeout} (an ISO-8601 duration such as {@code PT2H}). */
    public static VideoTimeoutConfig from(Properties props) {
        return new VideoTimeoutConfig(Settings.of(props, KEY, KEYS).duration(KEY));
    }
}
