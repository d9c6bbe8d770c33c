package io.framewise.pipeline.graph;

import io.framewise.pipeline.aggregate.AggregateConfig;
import io.framewise.pipeline.aggregate.Aggregation;
import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.messages.Messages.SummarizedVideo;
import io.framewise.pipeline.operators.ClusterShots;
import io.framewise.pipeline.operators.FindDuplicateVideos;
import io.framewise.pipeline.operators.LateShots;
import io.framewise.pipeline.operators.Orgs;
import io.framewise.pipeline.operators.SummarizeVideo;
import io.framewise.pipeline.operators.Tags;
import io.framewise.pipeline.rows.ClusterMemberRow;
import io.framewise.pipeline.rows.ClusterRow;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.SceneRow;
import io.framewise.pipeline.rows.VideoRow;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * The indexing job's aggregation step: per video, scenes and a summary; per organisation,
 * near-duplicate videos and, in event-time windows, clusters of shots.
 */
public final class AggregateStep {

    /** What the step adds to the job's outputs. */
    record Aggregated(
            DataStream<VideoRow> videos,
            DataStream<SceneRow> scenes,
            DataStream<ClusterRow> clusters,
            DataStream<ClusterMemberRow> clusterMembers,
            DataStream<FailureRow> failures) {}

    private AggregateStep() {}

    /**
     * Attaches the step to the assembled video rows and their shots' features.
     *
     * @param videos the {@code ok} rows, without summaries
     * @param videoTimeout how long a video's summary waits for its row or its next shot
     */
    static Aggregated attach(
            DataStream<VideoRow> videos,
            DataStream<ShotFeatures> shots,
            Aggregation aggregation,
            Duration videoTimeout) {
        AggregateConfig config = aggregation.config();
        // Per video, once its row and all its shots are in: scenes and the summary.
        SingleOutputStreamOperator<SummarizedVideo> summarized =
                videos.keyBy(VideoRow::videoId)
                        .connect(shots.keyBy(ShotFeatures::videoId))
                        .process(new SummarizeVideo(aggregation.summarizers(), videoTimeout))
                        .name("summarize video")
                        .uid(IndexVideosJob.UID_SUMMARIZE);
        // Per organisation: near-duplicates among its videos; this emits the final video rows.
        SingleOutputStreamOperator<VideoRow> summarizedRows =
                summarized
                        .keyBy(SummarizedVideo::org)
                        .process(
                                new FindDuplicateVideos(
                                        aggregation.matchers(), config.duplicateRetention()))
                        .name("find duplicate videos")
                        .uid(IndexVideosJob.UID_DUPLICATES);
        // Across videos: event time, then clusters per organisation and window.
        SingleOutputStreamOperator<ClusterRow> clusters =
                clusterWindows(withEventTime(shots, config), aggregation);
        SingleOutputStreamOperator<FailureRow> late =
                clusters.getSideOutput(Tags.LATE_SHOTS)
                        .process(new LateShots(config.window(), config.allowedLateness()))
                        .name("late shots")
                        .uid(IndexVideosJob.UID_LATE_SHOTS);
        return new Aggregated(
                // The rows of videos given up while waiting for their shots go on as failed.
                summarizedRows.union(summarized.getSideOutput(Tags.FAILED_VIDEOS)),
                summarized.getSideOutput(Tags.SCENES),
                clusters,
                clusters.getSideOutput(Tags.CLUSTER_MEMBERS),
                summarized
                        .getSideOutput(Tags.FAILURES)
                        .union(
                                summarizedRows.getSideOutput(Tags.FAILURES),
                                clusters.getSideOutput(Tags.FAILURES),
                                late));
    }

    /**
     * Shots with event-time timestamps and watermarks, bounded out-of-orderness, idle subtasks
     * ignored.
     *
     * <p>The event time is the upload's {@code received_at} ({@link Orgs#eventTime}), but the
     * watermarks are made here, on the shots, rather than beside the source: a video's shots reach
     * the windows only once it is indexed, which takes from seconds to minutes by video, so
     * watermarks from the source would pass them by. Out-of-orderness here has to cover the spread
     * of indexing times; what comes later still goes to the window within the allowed lateness.
     */
    static DataStream<ShotFeatures> withEventTime(
            DataStream<ShotFeatures> shots, AggregateConfig config) {
        return shots.assignTimestampsAndWatermarks(
                        WatermarkStrategy.<ShotFeatures>forBoundedOutOfOrderness(
                                        config.outOfOrderness())
                                .withTimestampAssigner((shot, previous) -> shot.eventTime())
                                .withIdleness(config.idleness()))
                .name("shot event time")
                .uid(IndexVideosJob.UID_SHOT_EVENT_TIME);
    }

    /** Tumbling event-time windows per organisation, late shots to {@link Tags#LATE_SHOTS}. */
    public static SingleOutputStreamOperator<ClusterRow> clusterWindows(
            DataStream<ShotFeatures> shots, Aggregation aggregation) {
        AggregateConfig config = aggregation.config();
        return shots.keyBy(ShotFeatures::org)
                .window(TumblingEventTimeWindows.of(config.window()))
                .allowedLateness(config.allowedLateness())
                .sideOutputLateData(Tags.LATE_SHOTS)
                .process(
                        new ClusterShots(aggregation.clusterers(), config.memory().toMillis()),
                        TypeInformation.of(ClusterRow.class))
                .name("cluster shots")
                .uid(IndexVideosJob.UID_CLUSTER);
    }
}
