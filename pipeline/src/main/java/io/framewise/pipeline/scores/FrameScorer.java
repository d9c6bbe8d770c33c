package io.framewise.pipeline.scores;

import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.text.RecognizedText;
import java.io.Serializable;

/**
 * Port: scores a chosen keyframe (colour, text coverage, faces) while its picture is in memory.
 *
 * <p>One engine per operator instance, opened in {@code open()} and closed in {@code close()}; not
 * thread-safe.
 */
public interface FrameScorer extends AutoCloseable {

    /**
     * The scores of {@code keyframe}, whose picture must be present.
     *
     * @param text what was read on it (its boxes give the text coverage); null when nothing was
     */
    FrameScores score(Keyframe keyframe, RecognizedText text);

    @Override
    void close();

    /** Serializable configuration that creates a scorer where it runs. */
    @FunctionalInterface
    interface Factory extends Serializable {
        FrameScorer create();
    }
}
