package io.framewise.pipeline.aggregate;

import java.io.Serializable;

/**
 * What the aggregation knows of one shot: where it is, when it happened, and its vectors. Scenes,
 * video summaries, near-duplicate videos and clusters are all computed from these.
 *
 * @param org the organisation the video belongs to; clusters are per organisation
 * @param videoUri the video's input, for failure rows
 * @param eventTime epoch milliseconds the shot's event-time windows are chosen by
 * @param shotsOfVideo how many shots the video has, so that its summary knows when all are in
 * @param keyframeUri the shot's best keyframe (highest quality), relative to the output directory
 * @param keyframePhashes the 64-bit perceptual hash of each of the shot's keyframes: the shot's
 *     signature for near-duplicate videos
 * @param keyframeQualities the quality score of each of the shot's keyframes, 0-1, in the same
 *     order
 * @param visual unit-length visual vector (the mean of the keyframes' vectors)
 * @param colours colour histogram, shares summing to 1 ({@code ColourHistogram}, 64 bins)
 * @param text the shot's text (on screen, and descriptions once there are any); null when none
 * @param textVector unit-length text vector; null when the shot has none
 * @param enrichmentCost what describing the shot's keyframes cost, US dollars; null when unknown
 * @param keyframeFrames the frame number of each of the shot's keyframes, in the order of {@code
 *     keyframePhashes}: with the video and shot, the ids of the keyframes' search documents, which
 *     the shot's cluster id is written to
 */
public record ShotFeatures(
        String org,
        String videoId,
        String videoUri,
        long eventTime,
        int shotIndex,
        int shotsOfVideo,
        long startMs,
        long endMs,
        String keyframeUri,
        long[] keyframePhashes,
        double[] keyframeQualities,
        float[] visual,
        float[] colours,
        String text,
        float[] textVector,
        Double enrichmentCost,
        long[] keyframeFrames)
        implements Serializable {

    public long durationMs() {
        return endMs - startMs;
    }
}
