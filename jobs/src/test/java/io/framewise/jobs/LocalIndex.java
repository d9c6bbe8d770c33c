package io.framewise.jobs;

import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.jobs.graph.IndexJob;
import io.framewise.jobs.graph.LocalVideos;
import io.framewise.pipeline.video.VideoRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the production index job on local videos in this JVM, as {@code framewise index} builds it
 * (the same environment set-up, job class and sinks), for tests that need its tables or indices.
 */
public final class LocalIndex {

    private LocalIndex() {}

    /** Indexes {@code videos} into {@code out}; returns the job's result once it has ended. */
    public static JobExecutionResult run(
            List<VideoRef> videos, Path out, int parallelism, Properties settings)
            throws Exception {
        FramewiseConfig config = FramewiseConfig.parse(settings);
        StreamExecutionEnvironment env = JobEnvironment.create(parallelism, Map.of(), config);
        IndexJob.of(new LocalVideos(videos), config, out.toString()).build(env);
        return env.execute("framewise index");
    }
}
