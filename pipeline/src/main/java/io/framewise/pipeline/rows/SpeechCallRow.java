package io.framewise.pipeline.rows;

import java.io.Serializable;

/**
 * A row of the {@code speech_calls} table: one per chunk of speech sent for transcription, whether
 * it was asked for, taken from the cache, or failed.
 *
 * @param chunk the chunk's number in the video
 * @param startMs where the chunk starts on the video's timeline
 * @param endMs where it ends
 * @param status {@code ok} or the failure code (as in {@code failures})
 * @param attempts HTTP requests made (0 for a cache hit)
 * @param latencyMs from the first request to the answer, retries and waits included
 * @param audioSeconds the chunk's length: what a provider bills
 * @param cost US dollars at {@code speech.price-per-minute}; null when no price is set, 0 for a
 *     cache hit
 * @param cached the transcript came from the cache
 * @param segments transcript segments it gave
 * @param at epoch milliseconds when the outcome was known (partition date)
 */
public record SpeechCallRow(
        String videoId,
        int chunk,
        long startMs,
        long endMs,
        String model,
        String status,
        int attempts,
        long latencyMs,
        double audioSeconds,
        Double cost,
        boolean cached,
        int segments,
        long at)
        implements Serializable {}
