package io.framewise.pipeline.shots;

import java.io.Serializable;

/**
 * A shot change spread over several frames. The new shot is taken to start at {@code firstFrame};
 * keyframe selection avoids the frames in between.
 *
 * @param firstFrame first frame that belongs to the transition
 * @param lastFrame last frame that belongs to the transition
 * @param kind how the pictures change
 */
public record GradualTransition(long firstFrame, long lastFrame, Kind kind)
        implements Serializable {

    /** How a gradual transition looks. */
    public enum Kind {
        /** Through black (or nearly): fade-out then fade-in. */
        FADE,
        /** One picture blends into the next. */
        DISSOLVE
    }
}
