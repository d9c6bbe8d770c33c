package io.framewise.jobs.graph;

import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.video.VideoRef;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where the indexing job's videos come from: the one part in which {@code index} (local files),
 * {@code backfill} (a storage listing) and {@code stream} (upload events) differ. Tests pass a
 * bounded source of their own.
 */
public interface VideoSource {

    /** Adds the source (and whatever admits its videos) to {@code env}. */
    Videos attach(StreamExecutionEnvironment env);

    /**
     * What a source gives the job.
     *
     * @param videos the videos to index
     * @param failures rows for input that never became a video (malformed events); null for none
     */
    record Videos(DataStream<VideoRef> videos, DataStream<FailureRow> failures) {}
}
