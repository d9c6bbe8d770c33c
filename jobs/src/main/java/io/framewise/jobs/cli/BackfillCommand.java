package io.framewise.jobs.cli;

import io.framewise.jobs.JobEnvironment;
import io.framewise.jobs.VideoJobs;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framewise backfill PREFIX...}: indexes every video under object-storage prefixes. */
@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        description = {
            "Index every video under object-storage prefixes or directories, as one bounded job"
                    + " that ends when all are done.",
            "PREFIX: s3://bucket/prefix, file:///dir or a local directory; files with video"
                    + " extensions are taken (sources.video-extensions). Videos the output's"
                    + " videos table already holds as ok are skipped, so a second run resumes."
                    + " Runs on a local MiniCluster, or on a cluster through flink run."
        })
final class BackfillCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PREFIX", arity = "1..*", description = "Prefixes to list.")
    List<String> prefixes;

    @Option(
            names = "--execution-mode",
            defaultValue = "streaming",
            paramLabel = "MODE",
            description =
                    "streaming (default: checkpoints commit the tables as it goes, a restart"
                            + " resumes from the last one) or batch (Flink's batch execution:"
                            + " no checkpoints, stage by stage, tables committed at the end).")
    String executionMode;

    @Option(
            names = "--no-resume",
            description = "Index every listed video, even those indexed already.")
    boolean noResume;

    @Mixin JobOptions job = new JobOptions();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        RuntimeExecutionMode mode = mode(executionMode);
        boolean onCluster = JobEnvironment.onCluster();
        int parallelism = job.parallelism(Runtime.getRuntime().availableProcessors());
        VideoJobs.Options options = job.toOptions(parallelism, !noResume);
        List<URI> roots = prefixes.stream().map(JobOptions::prefix).toList();
        JobEnvironment.initializeLocalFileSystems(options.settings());
        StreamExecutionEnvironment env = JobEnvironment.create(parallelism, Map.of());
        env.setRuntimeMode(mode);
        VideoJobs.backfill(env, roots, options);
        w.printf(
                "Backfilling %s into %s (parallelism %d, %s mode%s)%n",
                roots,
                options.out(),
                parallelism,
                mode.name().toLowerCase(Locale.ROOT),
                noResume ? "" : ", skipping videos indexed already");
        JobRunner.run(w, env, "framewise backfill", onCluster, options.out());
        return 0;
    }

    static RuntimeExecutionMode mode(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "streaming" -> RuntimeExecutionMode.STREAMING;
            case "batch" -> RuntimeExecutionMode.BATCH;
            default ->
                    throw new IllegalArgumentException(
                            "--execution-mode must be streaming or batch, got '" + text + "'");
        };
    }
}
