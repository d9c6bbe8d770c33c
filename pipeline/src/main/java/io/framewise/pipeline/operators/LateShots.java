package io.framewise.pipeline.operators;

import io.framewise.pipeline.aggregate.ShotFeatures;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.stages.ShotClustering;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns a shot that arrived after its cluster window had closed (allowed lateness included) into a
 * {@code failures} row with the reason, so that a late shot is never dropped silently. The shot is
 * still in every other table; it is only missing from the clusters.
 */
public final class LateShots extends ProcessFunction<ShotFeatures, FailureRow> {

    private final Duration window;
    private final Duration allowedLateness;

    public LateShots(Duration window, Duration allowedLateness) {
        this.window = window;
        this.allowedLateness = allowedLateness;
    }

    @Override
    public void processElement(ShotFeatures shot, Context ctx, Collector<FailureRow> out) {
        long size = window.toMillis();
        long start = ShotClustering.windowStart(shot.eventTime(), size);
        out.collect(
                FailureRow.ofVideo(
                                shot.videoId(),
                                shot.videoUri(),
                                "clusters",
                                "late",
                                "shot at event time "
                                        + Instant.ofEpochMilli(shot.eventTime())
                                        + " arrived after its window ["
                                        + Instant.ofEpochMilli(start)
                                        + ", "
                                        + Instant.ofEpochMilli(start + size)
                                        + ") had closed (allowed lateness "
                                        + allowedLateness
                                        + "); it is in no cluster")
                        .withInput(FailureRow.shot(shot.videoId(), shot.shotIndex())));
    }
}
