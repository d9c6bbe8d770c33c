package io.framewise.pipeline.rows;

import java.io.Serializable;

/**
 * A row of the {@code shots} table.
 *
 * @param transitionIn how the shot begins: {@code cut}, {@code dissolve} or {@code fade} ({@code
 *     start} for the first shot)
 * @param processedAt epoch milliseconds (partition date)
 */
public record ShotRow(
        String videoId,
        int shotIndex,
        long firstFrame,
        long lastFrame,
        long startMs,
        long endMs,
        String transitionIn,
        int keyframes,
        long processedAt)
        implements Serializable {}
