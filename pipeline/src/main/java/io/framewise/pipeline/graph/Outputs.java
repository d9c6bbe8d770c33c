package io.framewise.pipeline.graph;

import io.framewise.pipeline.rows.ClusterMemberRow;
import io.framewise.pipeline.rows.ClusterRow;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.LlmCallRow;
import io.framewise.pipeline.rows.SceneRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.SpeechCallRow;
import io.framewise.pipeline.rows.TextRow;
import io.framewise.pipeline.rows.TranscriptRow;
import io.framewise.pipeline.rows.VideoRow;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The tables the indexing job produces, as streams for the caller to attach sinks to.
 *
 * @param llmCalls null when frame description is off
 * @param transcripts null when speech is off
 * @param speechCalls null when speech is off
 */
public record Outputs(
        DataStream<VideoRow> videos,
        DataStream<ShotRow> shots,
        DataStream<FrameRow> frames,
        DataStream<TextRow> texts,
        DataStream<FailureRow> failures,
        DataStream<LlmCallRow> llmCalls,
        DataStream<SceneRow> scenes,
        DataStream<ClusterRow> clusters,
        DataStream<ClusterMemberRow> clusterMembers,
        DataStream<TranscriptRow> transcripts,
        DataStream<SpeechCallRow> speechCalls) {

    /** The outputs without speech. */
    public Outputs(
            DataStream<VideoRow> videos,
            DataStream<ShotRow> shots,
            DataStream<FrameRow> frames,
            DataStream<TextRow> texts,
            DataStream<FailureRow> failures,
            DataStream<LlmCallRow> llmCalls,
            DataStream<SceneRow> scenes,
            DataStream<ClusterRow> clusters,
            DataStream<ClusterMemberRow> clusterMembers) {
        this(
                videos,
                shots,
                frames,
                texts,
                failures,
                llmCalls,
                scenes,
                clusters,
                clusterMembers,
                null,
                null);
    }
}
