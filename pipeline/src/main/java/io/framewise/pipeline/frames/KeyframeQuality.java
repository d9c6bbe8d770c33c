package io.framewise.pipeline.frames;

import java.io.Serializable;

/**
 * How good a frame is as a keyframe; formulas in {@code udfs/README.md}.
 *
 * @param sharpness variance of the Laplacian of the luma (higher is sharper)
 * @param brightness mean luma, 0-255
 * @param contrast standard deviation of the luma, 0-255
 * @param score the combined score keyframes are chosen by, 0-1
 */
public record KeyframeQuality(double sharpness, double brightness, double contrast, double score)
        implements Serializable {}
