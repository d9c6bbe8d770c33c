package io.framewise.pipeline.aggregate;

import java.io.Serializable;

/**
 * What the indexing job's aggregation step needs: its engines' factories and its settings.
 *
 * @param summarizers scenes and video summaries
 * @param matchers near-duplicate videos
 * @param clusterers clusters of shots across videos
 */
public record Aggregation(
        VideoSummarizer.Factory summarizers,
        VideoMatcher.Factory matchers,
        ShotClusterer.Factory clusterers,
        AggregateConfig config)
        implements Serializable {}
