package io.framewise.pipeline.video;

import io.framewise.pipeline.config.Settings;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Preview renditions ({@code preview.*}): a small H.264 MP4 made while indexing, for videos
 * browsers cannot play as they are ({@link BrowserFormats}), so that the search page plays them.
 * Off by default: making one decodes the video a second time and encodes it.
 *
 * @param enabled whether previews are made
 * @param height the preview's height in pixels (its width follows the aspect ratio); never more
 *     than the original's
 */
public record PreviewConfig(boolean enabled, int height) implements Serializable {

    /** Keys with their defaults, in documentation order. */
    public static final Map<String, String> KEYS = defaultKeys();

    private static Map<String, String> defaultKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("preview.enabled", "false");
        keys.put("preview.height", "360");
        return Collections.unmodifiableMap(keys);
    }

    public PreviewConfig {
        Settings.require(
                height >= 16 && height <= 2160,
                "preview.height must be between 16 and 2160, got " + height);
    }

    /** Reads the {@code preview.*} keys; unknown {@code preview.*} keys are rejected. */
    public static PreviewConfig from(Properties props) {
        Settings s = Settings.of(props, "preview.", KEYS);
        return new PreviewConfig(s.bool("preview.enabled"), s.integer("preview.height"));
    }
}
