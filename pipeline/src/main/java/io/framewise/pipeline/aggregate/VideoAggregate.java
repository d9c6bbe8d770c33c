package io.framewise.pipeline.aggregate;

import io.framewise.pipeline.rows.VideoSummary;
import java.io.Serializable;
import java.util.List;

/**
 * A video's scenes and summary; the summary's near-duplicates are found later, per organisation.
 */
public record VideoAggregate(List<Scene> scenes, VideoSummary summary) implements Serializable {}
