package io.framewise.pipeline.text;

import java.io.Serializable;
import java.util.Objects;

/**
 * The text read on one keyframe, with the keyframe's time: the input of {@link TextMerger}.
 *
 * @param ms the keyframe's time in milliseconds
 * @param text what the recogniser read on it
 */
public record KeyframeText(long ms, RecognizedText text) implements Serializable {

    public KeyframeText {
        Objects.requireNonNull(text, "text");
    }
}
