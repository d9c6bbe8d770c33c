package io.framewise.pipeline.scores;

import java.io.Serializable;

/**
 * The scores computed on a chosen keyframe, while its picture is in memory; formulas in {@code
 * udfs/README.md} (section Frame scores).
 *
 * <p>These are the expensive second stage: the cheap ones (sharpness, brightness, contrast) are
 * computed on every candidate frame when keyframes are chosen ({@code KeyframeQuality}).
 *
 * @param exposure 1 for a well-exposed picture, falling to 0 for black or white
 * @param colourfulness Hasler and Süsstrunk's colourfulness, scaled to 0-1
 * @param textCoverage share of the picture covered by the boxes of the text read on it, 0-1
 * @param faces frontal faces found
 * @param largestFace height of the largest face as a share of the picture's height, 0 without faces
 */
public record FrameScores(
        double exposure, double colourfulness, double textCoverage, int faces, double largestFace)
        implements Serializable {}
