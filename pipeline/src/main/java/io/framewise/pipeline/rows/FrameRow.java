package io.framewise.pipeline.rows;

import java.io.Serializable;
import java.util.List;

/**
 * A row of the {@code frames} table: one per keyframe.
 *
 * @param phash 64-bit perceptual hash, as a signed long
 * @param quality the combined keyframe score, 0-1
 * @param ocrText the text read on this keyframe, lines joined by newlines; null when none
 * @param ocrConfidence mean confidence of that text, 0-1; null when none
 * @param keyframeUri where the keyframe's JPEG is
 * @param description what a vision LLM says the keyframe shows; null when enrichment is off or
 *     failed (a {@code failures} row says why)
 * @param tags the LLM's keywords for it; null exactly when {@code description} is
 * @param processedAt epoch milliseconds (partition date)
 */
public record FrameRow(
        String videoId,
        int shotIndex,
        long frame,
        long ms,
        String timecode,
        long phash,
        double quality,
        double sharpness,
        double brightness,
        boolean hasText,
        String ocrText,
        Float ocrConfidence,
        String keyframeUri,
        String description,
        List<String> tags,
        long processedAt)
        implements Serializable {}
