package io.framewise.jobs;

import io.framewise.pipeline.graph.Outputs;
import io.framewise.pipeline.video.VideoFetcher;
import io.framewise.pipeline.video.VideoRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Wires the indexing job for a local run: the given videos as a bounded source, the real engines,
 * keyframe JPEGs and the Parquet tables under the output directory (and the search indices when
 * {@code es.url} is set), on a MiniCluster in this JVM.
 */
public final class LocalIndexRun {

    /** Checkpoints commit the Parquet files; a bounded job also commits at its end. */
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(5);

    private LocalIndexRun() {}

    /** Starts the job and returns its client; the caller waits for it. */
    public static JobClient start(
            List<VideoRef> videos, Path out, int parallelism, Properties settings)
            throws Exception {
        return start(videos, out, parallelism, settings, Map.of());
    }

    /**
     * Starts the job on a local cluster with {@code cluster} added to its configuration (the
     * benchmarks open the REST API), and returns its client.
     */
    public static JobClient start(
            List<VideoRef> videos,
            Path out,
            int parallelism,
            Properties settings,
            Map<String, String> cluster)
            throws Exception {
        Map<String, String> flink = new java.util.LinkedHashMap<>();
        flink.put(JobEnvironment.HEARTBEAT_INTERVAL, JobEnvironment.LOCAL_HEARTBEAT);
        flink.putAll(cluster);
        Configuration conf = Configuration.fromMap(flink);
        // A local run that fails should say so at once, not retry forever.
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.enableCheckpointing(CHECKPOINT_INTERVAL.toMillis());

        String dir = out.toString();
        Outputs outputs =
                IndexPipeline.job(settings, dir, VideoFetcher.localFiles())
                        .build(
                                env.fromData(videos, TypeInformation.of(VideoRef.class))
                                        .name("video files")
                                        .setParallelism(1));
        IndexPipeline.sinks(outputs, null, dir, settings);
        return env.executeAsync("framewise index");
    }
}
