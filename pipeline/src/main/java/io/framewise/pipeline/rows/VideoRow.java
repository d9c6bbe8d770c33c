package io.framewise.pipeline.rows;

import java.io.Serializable;

/**
 * A row of the {@code videos} table: one per video, {@code ok} or {@code failed}.
 *
 * @param processedAt epoch milliseconds when the job finished the video (partition date)
 */
public record VideoRow(
        String videoId,
        String uri,
        int width,
        int height,
        double fps,
        long frames,
        long durationMs,
        String codec,
        int shots,
        int keyframes,
        int textChars,
        String status,
        long processedAt)
        implements Serializable {}
