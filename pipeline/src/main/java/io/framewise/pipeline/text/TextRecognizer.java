package io.framewise.pipeline.text;

import io.framewise.pipeline.frames.Picture;
import java.io.Serializable;

/**
 * Port: reads the text on a picture.
 *
 * <p>Text-gated: a cheap detector finds text regions first and the recogniser runs on those regions
 * only, or not at all when there are none. One engine per operator instance, opened in {@code
 * open()} and closed in {@code close()}; not thread-safe.
 */
public interface TextRecognizer extends AutoCloseable {

    RecognizedText recognize(Picture picture);

    @Override
    void close();

    /** Serializable configuration that creates a recogniser where it runs. */
    @FunctionalInterface
    interface Factory extends Serializable {
        TextRecognizer create();
    }
}
