package io.framewise.pipeline.rows;

import java.io.Serializable;
import java.util.List;

/**
 * The summary columns of a {@code videos} row, computed from the video's shots once all are in.
 *
 * @param scenes scenes the shots were grouped into
 * @param meanShotMs mean shot length
 * @param textCoverage share of the video's duration in shots with text on screen, 0-1
 * @param topKeywords the most frequent words of the shots' texts (on screen and descriptions), most
 *     frequent first
 * @param dominantColours the colours covering most of the keyframes, as {@code #rrggbb}, most
 *     covering first
 * @param qualityP10 10th percentile of the keyframes' quality scores
 * @param qualityP50 median of the keyframes' quality scores
 * @param qualityP90 90th percentile of the keyframes' quality scores
 * @param enrichmentCost what describing the keyframes cost, US dollars; null when unknown
 * @param nearDuplicates ids of earlier videos of the same organisation whose shot sequences match
 *     this one's
 * @param sceneRows the scenes themselves, in order, for the video's search document (the Parquet
 *     {@code scenes} table has them as rows of their own); empty until {@code SummarizeVideo} adds
 *     them
 */
public record VideoSummary(
        int scenes,
        double meanShotMs,
        double textCoverage,
        List<String> topKeywords,
        List<String> dominantColours,
        double qualityP10,
        double qualityP50,
        double qualityP90,
        Double enrichmentCost,
        List<String> nearDuplicates,
        List<SceneRow> sceneRows)
        implements Serializable {

    public VideoSummary withNearDuplicates(List<String> ids) {
        return new VideoSummary(
                scenes,
                meanShotMs,
                textCoverage,
                topKeywords,
                dominantColours,
                qualityP10,
                qualityP50,
                qualityP90,
                enrichmentCost,
                List.copyOf(ids),
                sceneRows);
    }

    public VideoSummary withSceneRows(List<SceneRow> rows) {
        return new VideoSummary(
                scenes,
                meanShotMs,
                textCoverage,
                topKeywords,
                dominantColours,
                qualityP10,
                qualityP50,
                qualityP90,
                enrichmentCost,
                nearDuplicates,
                List.copyOf(rows));
    }
}
