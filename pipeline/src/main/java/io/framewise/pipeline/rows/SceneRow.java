package io.framewise.pipeline.rows;

import java.io.Serializable;

/**
 * A row of the {@code scenes} table: consecutive shots of a video that belong together.
 *
 * @param lastShot inclusive
 * @param keyframeUri the representative keyframe's JPEG, relative to the output directory
 * @param processedAt epoch milliseconds (partition date), the video row's
 */
public record SceneRow(
        String videoId,
        int sceneIndex,
        int firstShot,
        int lastShot,
        long startMs,
        long endMs,
        String keyframeUri,
        long processedAt)
        implements Serializable {}
