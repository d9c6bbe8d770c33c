package io.framewise.pipeline.rows;

import java.io.Serializable;

/**
 * A row of the {@code transcripts} table: one segment of what is said in a video, placed on the
 * video's timeline.
 *
 * @param segment the segment's number in the video, from 0, in time order
 * @param timecode SMPTE timecode of {@code startMs} at the video's frame rate
 * @param language the language the server named for the segment's chunk; null when unknown
 * @param confidence 0-1, from the server's average log-probability; null when it gives none
 * @param shotIndex the shot the segment starts in
 * @param model the transcription model (the simulator's name says it recognises no speech)
 * @param processedAt epoch milliseconds (partition date)
 */
public record TranscriptRow(
        String videoId,
        int segment,
        long startMs,
        long endMs,
        String timecode,
        String text,
        String language,
        Double confidence,
        int shotIndex,
        String model,
        long processedAt)
        implements Serializable {}
