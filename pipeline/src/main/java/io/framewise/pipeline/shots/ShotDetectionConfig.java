package io.framewise.pipeline.shots;

import io.framewise.pipeline.config.Settings;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The shot detector's settings, parsed and validated once at the edge.
 *
 * <p>Distances are on the 0-255 scale of pixel values: the mean absolute difference between two
 * frames' small signatures (luma, chroma and luma edges). Every key, default and meaning is listed
 * in {@link #KEYS} and in {@code udfs/README.md}.
 *
 * @param minCutDistance a hard cut needs at least this frame-to-frame distance
 * @param adaptiveRatio ... and this many times the average distance of its neighbours
 * @param adaptiveWindow neighbours on each side that the average is taken over
 * @param keyframeFactor on the encoder's keyframes a cut needs this many times minCutDistance
 * @param flashFrames a change that reverts within this many frames is a flash, not a cut
 * @param flashSimilarity "reverts" means: back within this fraction of the change's size
 * @param minShotFrames two cuts closer than this keep only the stronger one
 * @param gradualRatio a frame takes part in a gradual transition when its distance exceeds this
 *     many times the median of the second before
 * @param gradualMinDistance ... and this floor
 * @param gradualMinFrames shortest gradual transition, in frames
 * @param gradualMinChange a gradual transition must change the picture at least this much end to
 *     end
 * @param gradualStraightness end-to-end change over the sum of per-frame changes: a dissolve goes
 *     straight from one picture to the next, motion wanders
 * @param blackLevel mean luma at or below which a frame counts as black (fades)
 * @param segments decode in this many parallel segments (0: one per {@code segmentSeconds} of
 *     video)
 * @param timeout per-video time limit
 * @param skipLoopFilter skip the decoder's in-loop deblocking filter (faster, signature unchanged)
 * @param skipStillFrames do not decode unreferenced frames between two nearly identical pictures
 *     (their signatures are interpolated; nothing that changes is skipped)
 * @param skipStillRuns do not decode the rest of a group of pictures that holds still up to the
 *     next keyframe (H.264; the signatures are interpolated)
 * @param segmentSeconds with {@code segments} 0, a video is cut into one segment per this many
 *     seconds: a function of the video alone, so results are the same on any machine and for any
 *     number of subtasks
 * @param contentMinLost a content cut needs at least this share of the previous frame's structure
 *     (text lines, edges) to be gone in one frame, after the best vertical shift (scrolling)
 * @param contentMinExtent ... spread over at least this share of the picture's height
 * @param contentCaptionBand ... and not all of it in this bottom share of the picture (a subtitle
 *     line, a ticker)
 */
public record ShotDetectionConfig(
        double minCutDistance,
        double adaptiveRatio,
        int adaptiveWindow,
        double keyframeFactor,
        int flashFrames,
        double flashSimilarity,
        int minShotFrames,
        double gradualRatio,
        double gradualMinDistance,
        int gradualMinFrames,
        double gradualMinChange,
        double gradualStraightness,
        double blackLevel,
        int segments,
        Duration timeout,
        boolean skipLoopFilter,
        boolean skipStillFrames,
        boolean skipStillRuns,
        double contentMinLost,
        double contentMinExtent,
        double contentCaptionBand,
        double segmentSeconds)
        implements Serializable {

    /** Configuration keys with their defaults, in the order they are documented. */
    public static final Map<String, String> KEYS = defaultKeys();

    private static Map<String, String> defaultKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("shots.cut.min-distance", "1.5");
        keys.put("shots.cut.adaptive-ratio", "3.0");
        keys.put("shots.cut.adaptive-window", "2");
        keys.put("shots.cut.keyframe-factor", "2.0");
        keys.put("shots.flash.frames", "4");
        keys.put("shots.flash.similarity", "0.5");
        keys.put("shots.min-shot-frames", "5");
        keys.put("shots.gradual.ratio", "1.5");
        keys.put("shots.gradual.min-distance", "0.8");
        keys.put("shots.gradual.min-frames", "6");
        keys.put("shots.gradual.min-change", "5.0");
        keys.put("shots.gradual.straightness", "0.6");
        keys.put("shots.black-level", "32");
        keys.put("shots.segments", "0");
        keys.put("shots.segment-seconds", "60");
        keys.put("shots.timeout", "PT10M");
        keys.put("shots.decoder.skip-loop-filter", "true");
        keys.put("shots.decoder.skip-still-frames", "true");
        keys.put("shots.decoder.skip-still-runs", "true");
        keys.put("shots.content.min-lost", "0.5");
        keys.put("shots.content.min-extent", "0.12");
        keys.put("shots.content.caption-band", "0.25");
        return Collections.unmodifiableMap(keys);
    }

    public ShotDetectionConfig {
        positive("shots.cut.min-distance", minCutDistance);
        atLeast("shots.cut.adaptive-ratio", adaptiveRatio, 1.0);
        atLeast("shots.cut.adaptive-window", adaptiveWindow, 1);
        atLeast("shots.cut.keyframe-factor", keyframeFactor, 1.0);
        atLeast("shots.flash.frames", flashFrames, 0);
        between("shots.flash.similarity", flashSimilarity, 0.0, 1.0);
        atLeast("shots.min-shot-frames", minShotFrames, 1);
        atLeast("shots.gradual.ratio", gradualRatio, 1.0);
        positive("shots.gradual.min-distance", gradualMinDistance);
        atLeast("shots.gradual.min-frames", gradualMinFrames, 2);
        positive("shots.gradual.min-change", gradualMinChange);
        between("shots.gradual.straightness", gradualStraightness, 0.0, 1.0);
        between("shots.black-level", blackLevel, 0.0, 255.0);
        atLeast("shots.segments", segments, 0);
        positive("shots.segment-seconds", segmentSeconds);
        between("shots.content.min-lost", contentMinLost, 0.0, 1.0);
        between("shots.content.min-extent", contentMinExtent, 0.0, 1.0);
        between("shots.content.caption-band", contentCaptionBand, 0.0, 1.0);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(
                    "shots.timeout must be a positive ISO-8601 duration such as PT10M, got "
                            + timeout);
        }
    }

    /** The documented defaults. */
    public static ShotDetectionConfig defaults() {
        return from(new Properties());
    }

    /**
     * Reads the {@code shots.*} keys of {@code props}; missing keys take their defaults.
     *
     * @throws IllegalArgumentException naming the key and what it accepts, for a bad value or an
     *     unknown {@code shots.*} key
     */
    public static ShotDetectionConfig from(Properties props) {
        Settings s = Settings.of(props, "shots.", KEYS);
        return new ShotDetectionConfig(
                s.number("shots.cut.min-distance"),
                s.number("shots.cut.adaptive-ratio"),
                s.integer("shots.cut.adaptive-window"),
                s.number("shots.cut.keyframe-factor"),
                s.integer("shots.flash.frames"),
                s.number("shots.flash.similarity"),
                s.integer("shots.min-shot-frames"),
                s.number("shots.gradual.ratio"),
                s.number("shots.gradual.min-distance"),
                s.integer("shots.gradual.min-frames"),
                s.number("shots.gradual.min-change"),
                s.number("shots.gradual.straightness"),
                s.number("shots.black-level"),
                s.integer("shots.segments"),
                s.duration("shots.timeout"),
                s.bool("shots.decoder.skip-loop-filter"),
                s.bool("shots.decoder.skip-still-frames"),
                s.bool("shots.decoder.skip-still-runs"),
                s.number("shots.content.min-lost"),
                s.number("shots.content.min-extent"),
                s.number("shots.content.caption-band"),
                s.number("shots.segment-seconds"));
    }

    /** A copy that decodes in {@code n} segments (0: one per {@code shots.segment-seconds}). */
    public ShotDetectionConfig withSegments(int n) {
        return new ShotDetectionConfig(
                minCutDistance,
                adaptiveRatio,
                adaptiveWindow,
                keyframeFactor,
                flashFrames,
                flashSimilarity,
                minShotFrames,
                gradualRatio,
                gradualMinDistance,
                gradualMinFrames,
                gradualMinChange,
                gradualStraightness,
                blackLevel,
                n,
                timeout,
                skipLoopFilter,
                skipStillFrames,
                skipStillRuns,
                contentMinLost,
                contentMinExtent,
                contentCaptionBand,
                segmentSeconds);
    }

    private static void positive(String key, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(key + " must be greater than 0, got " + value);
        }
    }

    private static void atLeast(String key, double value, double min) {
        if (!(value >= min)) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", got " + value);
        }
    }

    private static void between(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(
                    key + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
