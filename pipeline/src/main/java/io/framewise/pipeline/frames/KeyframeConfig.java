package io.framewise.pipeline.frames;

import static io.framewise.pipeline.config.Settings.require;

import io.framewise.pipeline.config.Settings;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Keyframe selection settings ({@code keyframes.*}), parsed and validated once.
 *
 * @param maxWidth keyframe pictures are downscaled to at most this width
 * @param duplicateDistance frames whose perceptual hashes differ in at most this many of 64 bits
 *     are near-duplicates; a video keeps only the first
 * @param secondsPerKeyframe a shot gets up to one more keyframe per this many seconds, where its
 *     content changes
 * @param maxPerShot at most this many keyframes per shot
 * @param jpegQuality JPEG quality of the written keyframes, 1-100
 */
public record KeyframeConfig(
        int maxWidth,
        int duplicateDistance,
        double secondsPerKeyframe,
        int maxPerShot,
        int jpegQuality)
        implements Serializable {

    /** Keys with their defaults, in documentation order. */
    public static final Map<String, String> KEYS = defaultKeys();

    private static Map<String, String> defaultKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("keyframes.max-width", "640");
        keys.put("keyframes.duplicate-distance", "6");
        keys.put("keyframes.seconds-per-keyframe", "10");
        keys.put("keyframes.max-per-shot", "5");
        keys.put("keyframes.jpeg-quality", "85");
        return Collections.unmodifiableMap(keys);
    }

    public KeyframeConfig {
        require(maxWidth >= 16, "keyframes.max-width must be at least 16, got " + maxWidth);
        require(
                duplicateDistance >= 0 && duplicateDistance <= 64,
                "keyframes.duplicate-distance must be between 0 and 64, got " + duplicateDistance);
        require(
                secondsPerKeyframe > 0,
                "keyframes.seconds-per-keyframe must be greater than 0, got " + secondsPerKeyframe);
        require(maxPerShot >= 1, "keyframes.max-per-shot must be at least 1, got " + maxPerShot);
        require(
                jpegQuality >= 1 && jpegQuality <= 100,
                "keyframes.jpeg-quality must be between 1 and 100, got " + jpegQuality);
    }

    public static KeyframeConfig defaults() {
        return from(new Properties());
    }

    /** Reads the {@code keyframes.*} keys; unknown {@code keyframes.*} keys are rejected. */
    public static KeyframeConfig from(Properties props) {
        Settings s = Settings.of(props, "keyframes.", KEYS);
        return new KeyframeConfig(
                s.integer("keyframes.max-width"),
                s.integer("keyframes.duplicate-distance"),
                s.number("keyframes.seconds-per-keyframe"),
                s.integer("keyframes.max-per-shot"),
                s.integer("keyframes.jpeg-quality"));
    }
}
