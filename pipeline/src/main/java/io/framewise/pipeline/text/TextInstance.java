package io.framewise.pipeline.text;

import java.io.Serializable;

/**
 * One text shown in a shot, merged over the keyframes it appears on.
 *
 * @param text the text as recognised with the best confidence
 * @param confidence the best confidence among its sightings
 * @param firstMs time of the first keyframe it was read on
 * @param lastMs time of the last keyframe it was read on
 * @param sightings keyframes it was read on
 */
public record TextInstance(
        int shot, String text, float confidence, long firstMs, long lastMs, int sightings)
        implements Serializable {}
