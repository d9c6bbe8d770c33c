package io.framewise.pipeline.frames;

import java.io.IOException;
import java.io.Serializable;

/**
 * Port: stores a keyframe's picture (a JPEG under {@code keyframes/{video_id}/{shot}-{frame}.jpg}
 * of the output) and says where. Writing the same keyframe again overwrites it.
 */
public interface KeyframeStore {

    /** Stores the picture of {@code keyframe}; returns its URI relative to the output root. */
    String store(Keyframe keyframe) throws IOException;

    /** Serializable configuration that creates a store where it runs. */
    @FunctionalInterface
    interface Factory extends Serializable {
        KeyframeStore create();
    }
}
