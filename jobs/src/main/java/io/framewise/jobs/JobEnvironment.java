package io.framewise.jobs;

import io.framewise.connectors.storage.FileSystems;
import io.framewise.jobs.config.FramewiseConfig;
import java.io.File;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.plugin.PluginConfig;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where a job runs: on a cluster when {@code flink run} started the command (its configuration,
 * {@code config.yaml}, decides checkpoints, state backend and restarts), or else on a local
 * MiniCluster in this JVM, set up here the way a local run wants it. Every entry point (index,
 * backfill, stream, the benchmarks, the tests) gets its environment here.
 */
public final class JobEnvironment {

    /** Local runs commit their tables this often. */
    public static final Duration LOCAL_CHECKPOINT_INTERVAL = Duration.ofSeconds(5);

    /** On a cluster without checkpointing configured: the tables still need commits. */
    public static final Duration FALLBACK_CHECKPOINT_INTERVAL = Duration.ofSeconds(60);

    /**
     * Task managers report the job's counts (accumulators) with their heartbeats: every 10 s by
     * default, every second in a local run so that its progress display moves.
     */
    static final String HEARTBEAT_INTERVAL = "heartbeat.interval";

    static final String LOCAL_HEARTBEAT = "1 s";

    private JobEnvironment() {}

    /** True when this JVM was started by {@code flink run} against a cluster. */
    public static boolean onCluster() {
        return !(StreamExecutionEnvironment.getExecutionEnvironment()
                instanceof LocalStreamEnvironment);
    }

    /**
     * The environment for a job with the given default parallelism, this JVM's file systems set up
     * from {@code config} first when the run is local ({@link #initializeLocalFileSystems}).
     *
     * @param local Flink settings for a local run (ignored on a cluster), e.g. the REST port
     */
    public static StreamExecutionEnvironment create(
            int parallelism, Map<String, String> local, FramewiseConfig config) {
        initializeLocalFileSystems(config.fileSystems());
        return create(parallelism, local);
    }

    /**
     * The environment for a job with the given default parallelism.
     *
     * @param local Flink settings for a local run (ignored on a cluster), e.g. the REST port
     */
    public static StreamExecutionEnvironment create(int parallelism, Map<String, String> local) {
        StreamExecutionEnvironment env;
        if (onCluster()) {
            env = StreamExecutionEnvironment.getExecutionEnvironment();
            if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
                env.enableCheckpointing(FALLBACK_CHECKPOINT_INTERVAL.toMillis());
            }
        } else {
            Map<String, String> settings = new LinkedHashMap<>();
            // A local run that fails should say so at once, not retry forever.
            settings.put(RestartStrategyOptions.RESTART_STRATEGY.key(), "none");
            settings.put(HEARTBEAT_INTERVAL, LOCAL_HEARTBEAT);
            settings.put(CoreOptions.TMP_DIRS.key(), LocalScratch.directory().toString());
            settings.putAll(local);
            env =
                    StreamExecutionEnvironment.getExecutionEnvironment(
                            Configuration.fromMap(settings));
            if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
                env.enableCheckpointing(LOCAL_CHECKPOINT_INTERVAL.toMillis());
            }
        }
        env.setParallelism(parallelism);
        return env;
    }

    /**
     * For a local run: this JVM's file systems with the {@code s3.*} (and {@code fs.*}) settings
     * given on the command line, and the plugins in {@code FLINK_PLUGINS_DIR} (the launcher points
     * it at {@code jobs/target/plugins}, which holds the S3 file system). On a cluster, its own
     * configuration and plugins apply and nothing is done here.
     */
    public static void initializeLocalFileSystems(Map<String, String> fs) {
        if (onCluster()) {
            return;
        }
        Optional<File> plugins = PluginConfig.getPluginsDir();
        FileSystems.initialize(fs, plugins.map(File::toPath).orElse(null));
    }
}
