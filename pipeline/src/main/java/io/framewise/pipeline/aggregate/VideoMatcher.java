package io.framewise.pipeline.aggregate;

import java.io.Serializable;

/**
 * Port: tells whether two videos are near-duplicates (the same footage re-encoded, resized or
 * slightly trimmed) from their shot sequences.
 */
public interface VideoMatcher extends AutoCloseable {

    boolean nearDuplicates(VideoSignature a, VideoSignature b);

    @Override
    default void close() {}

    /** Serializable configuration that creates a matcher where it runs. */
    @FunctionalInterface
    interface Factory extends Serializable {
        VideoMatcher create();
    }
}
