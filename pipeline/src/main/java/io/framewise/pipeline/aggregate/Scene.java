package io.framewise.pipeline.aggregate;

import java.io.Serializable;

/**
 * Consecutive shots of one video that belong together (one place, one slide template, one
 * conversation).
 *
 * @param index zero-based position in the video
 * @param firstShot the first shot's index
 * @param lastShot the last shot's index, inclusive
 * @param startMs where the first shot starts
 * @param endMs where the last shot ends
 * @param keyframeUri the representative keyframe: the best keyframe of the scene's most typical
 *     shot
 */
public record Scene(
        int index, int firstShot, int lastShot, long startMs, long endMs, String keyframeUri)
        implements Serializable {}
