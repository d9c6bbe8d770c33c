package io.framewise.jobs.cli;

import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.jobs.graph.IncomingVideos;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.RuntimeExecutionMode;
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
        int parallelism = job.parallelism(Runtime.getRuntime().availableProcessors());
        FramewiseConfig config = job.config();
        List<URI> roots = prefixes.stream().map(JobOptions::prefix).toList();
        IncomingVideos source = IncomingVideos.listing(roots, config, job.admission(!noResume));
        w.printf(
                "Backfilling %s into %s (parallelism %d, %s mode%s)%n",
                roots,
                job.outRoot(),
                parallelism,
                mode.name().toLowerCase(Locale.ROOT),
                noResume ? "" : ", skipping videos indexed already");
        job.run(w, "framewise backfill", source, config, parallelism, mode);
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
