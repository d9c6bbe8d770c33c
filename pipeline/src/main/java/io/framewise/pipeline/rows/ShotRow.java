package io.framewise.pipeline.rows;

import java.io.Serializable;

/**
 * A row of the {@code shots} table.
 *
 * @param transitionIn how the shot begins: {@code cut}, {@code dissolve} or {@code fade} ({@code
 *     start} for the first shot)
 * @param processedAt epoch milliseconds (partition date)
 * @param speech what is said during the shot (the transcript segments that start in it, joined by
 *     spaces); null when speech is off, the video has no audio or nothing is said
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
        long processedAt,
        String speech)
        implements Serializable {

    /** A row without speech. */
    public ShotRow(
            String videoId,
            int shotIndex,
            long firstFrame,
            long lastFrame,
            long startMs,
            long endMs,
            String transitionIn,
            int keyframes,
            long processedAt) {
        this(
                videoId,
                shotIndex,
                firstFrame,
                lastFrame,
                startMs,
                endMs,
                transitionIn,
                keyframes,
                processedAt,
                null);
    }
}
