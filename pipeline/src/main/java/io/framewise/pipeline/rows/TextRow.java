package io.framewise.pipeline.rows;

import java.io.Serializable;

/**
 * A row of the {@code texts} table: one text shown in a shot, merged over the keyframes it was read
 * on.
 *
 * @param confidence the best confidence among its sightings, 0-1
 * @param firstMs time of the first keyframe it was read on
 * @param lastMs time of the last keyframe it was read on
 * @param sightings keyframes it was read on
 * @param processedAt epoch milliseconds (partition date)
 */
public record TextRow(
        String videoId,
        int shotIndex,
        String text,
        float confidence,
        long firstMs,
        long lastMs,
        int sightings,
        long processedAt)
        implements Serializable {}
