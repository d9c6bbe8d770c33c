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
 * @param contrast standard deviation of the luma, 0-255
 * @param exposure 1 when well exposed, falling to 0 for black or white pictures
 * @param colourfulness Hasler and Süsstrunk's colourfulness, scaled to 0-1
 * @param textCoverage share of the picture covered by text boxes, 0-1
 * @param faces frontal faces found
 * @param largestFace height of the largest face over the picture's height, 0-1
 * @param motion how much the picture moves around the keyframe, 0-1 (from the detector's
 *     frame-to-frame change); null when not measured
 * @param shotText the shot's on-screen text (each distinct text once, in order); null when none
 * @param textModel the model of {@code textVector}
 * @param textVector the embedding of the keyframe's text ({@code EmbeddingText}); null when it has
 *     no text or the embedding failed
 * @param imageModel the model of {@code imageVector}
 * @param imageVector the embedding of the picture; null when it failed
 * @param keyframeUri where the keyframe's JPEG is
 * @param description what a vision LLM says the keyframe shows; null when enrichment is off or
 *     failed (a {@code failures} row says why)
 * @param tags the LLM's keywords for it; null exactly when {@code description} is
 * @param processedAt epoch milliseconds (partition date)
 * @param speech what is said during the keyframe's shot; null when nothing is (or speech is off)
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
        double contrast,
        double exposure,
        double colourfulness,
        double textCoverage,
        int faces,
        double largestFace,
        Double motion,
        String shotText,
        String textModel,
        float[] textVector,
        String imageModel,
        float[] imageVector,
        String keyframeUri,
        String description,
        List<String> tags,
        long processedAt,
        String speech)
        implements Serializable {

    /** A row without speech. */
    public FrameRow(
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
            double contrast,
            double exposure,
            double colourfulness,
            double textCoverage,
            int faces,
            double largestFace,
            Double motion,
            String shotText,
            String textModel,
            float[] textVector,
            String imageModel,
            float[] imageVector,
            String keyframeUri,
            String description,
            List<String> tags,
            long processedAt) {
        this(
                videoId,
                shotIndex,
                frame,
                ms,
                timecode,
                phash,
                quality,
                sharpness,
                brightness,
                hasText,
                ocrText,
                ocrConfidence,
                contrast,
                exposure,
                colourfulness,
                textCoverage,
                faces,
                largestFace,
                motion,
                shotText,
                textModel,
                textVector,
                imageModel,
                imageVector,
                keyframeUri,
                description,
                tags,
                processedAt,
                null);
    }

    /** This row with its text vector set (the embedding operator's output). */
    public FrameRow withTextVector(String model, float[] vector) {
        return new FrameRow(
                videoId,
                shotIndex,
                frame,
                ms,
                timecode,
                phash,
                quality,
                sharpness,
                brightness,
                hasText,
                ocrText,
                ocrConfidence,
                contrast,
                exposure,
                colourfulness,
                textCoverage,
                faces,
                largestFace,
                motion,
                shotText,
                model,
                vector,
                imageModel,
                imageVector,
                keyframeUri,
                description,
                tags,
                processedAt,
                speech);
    }
}
