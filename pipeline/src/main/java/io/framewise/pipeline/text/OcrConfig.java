package io.framewise.pipeline.text;

import static io.framewise.pipeline.config.Settings.require;

import io.framewise.pipeline.config.Settings;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Text recognition settings ({@code ocr.*}), parsed and validated once.
 *
 * <p>Every key, default and meaning is listed in {@link #KEYS} and in {@code udfs/README.md}.
 *
 * @param language Tesseract language(s), e.g. {@code eng} or {@code eng+deu}; each needs its {@code
 *     tessdata/LANG.traineddata} on the classpath
 * @param minConfidence lines recognised with a lower confidence (0-1) are dropped
 * @param upscaleBelow text whose lines are lower than this many pixels is scaled up before
 *     recognition (0: never)
 * @param gateMinContrast the gate ignores edges weaker than this (0-255 morphological gradient);
 *     smooth gradients and noise stay below it
 * @param gateMinHeight the gate ignores regions whose text is lower than this many pixels
 * @param gateMaxArea the gate takes regions larger than this share of the picture (0-1) for
 *     texture, not text
 */
public record OcrConfig(
        String language,
        double minConfidence,
        int upscaleBelow,
        int gateMinContrast,
        int gateMinHeight,
        double gateMaxArea)
        implements Serializable {

    /** Keys with their defaults, in documentation order. */
    public static final Map<String, String> KEYS = defaultKeys();

    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z_]+(\\+[A-Za-z_]+)*");

    private static Map<String, String> defaultKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("ocr.language", "eng");
        keys.put("ocr.min-confidence", "0.5");
        keys.put("ocr.upscale-below", "20");
        keys.put("ocr.gate.min-contrast", "40");
        keys.put("ocr.gate.min-height", "8");
        keys.put("ocr.gate.max-area", "0.5");
        return Collections.unmodifiableMap(keys);
    }

    public OcrConfig {
        require(
                language != null && LANGUAGE.matcher(language).matches(),
                "ocr.language must be Tesseract language names joined by '+', such as eng or"
                        + " eng+deu, got '"
                        + language
                        + "'");
        require(
                minConfidence >= 0 && minConfidence <= 1,
                "ocr.min-confidence must be between 0 and 1, got " + minConfidence);
        require(
                upscaleBelow >= 0 && upscaleBelow <= 256,
                "ocr.upscale-below must be between 0 and 256 pixels, got " + upscaleBelow);
        require(
                gateMinContrast >= 1 && gateMinContrast <= 255,
                "ocr.gate.min-contrast must be between 1 and 255, got " + gateMinContrast);
        require(
                gateMinHeight >= 1,
                "ocr.gate.min-height must be at least 1 pixel, got " + gateMinHeight);
        require(
                gateMaxArea > 0 && gateMaxArea <= 1,
                "ocr.gate.max-area must be greater than 0 and at most 1, got " + gateMaxArea);
    }

    /** The documented defaults. */
    public static OcrConfig defaults() {
        return from(new Properties());
    }

    /**
     * Reads the {@code ocr.*} keys of {@code props}; missing keys take their defaults.
     *
     * @throws IllegalArgumentException naming the key and what it accepts, for a bad value or an
     *     unknown {@code ocr.*} key
     */
    public static OcrConfig from(Properties props) {
        Settings s = Settings.of(props, "ocr.", KEYS);
        return new OcrConfig(
                s.text("ocr.language"),
                s.number("ocr.min-confidence"),
                s.integer("ocr.upscale-below"),
                s.integer("ocr.gate.min-contrast"),
                s.integer("ocr.gate.min-height"),
                s.number("ocr.gate.max-area"));
    }
}
