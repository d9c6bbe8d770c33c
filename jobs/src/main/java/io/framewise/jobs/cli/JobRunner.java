package io.framewise.jobs.cli;

import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.elasticsearch.SearchIndex;
import io.framewise.jobs.JobEnvironment;
import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.jobs.graph.Engines;
import io.framewise.jobs.graph.IndexJob;
import io.framewise.jobs.graph.SearchIndices;
import io.framewise.jobs.graph.VideoSource;
import io.framewise.pipeline.metrics.JobCounts;
import io.framewise.pipeline.remote.RemoteStageConfig;
import io.framewise.udfs.enrich.OpenAiFrameDescriber;
import io.framewise.udfs.speech.OpenAiTranscriber;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the indexing job for {@code index}, {@code backfill} and {@code stream} alike: one
 * environment ({@link JobEnvironment}), the one job ({@link IndexJob}) on the source the command
 * passes, and one run loop that reports on it. Locally it shows the progress display and a summary;
 * on a cluster ({@code flink run}) it prints the job id and, when attached, waits and prints the
 * job's status now and then (the framewise metrics are in Flink's web UI).
 */
final class JobRunner {

    /**
     * One run of the job.
     *
     * @param name the job's name, e.g. {@code framewise backfill}
     * @param source where its videos come from
     * @param videos how many videos it will index, or -1 when the source does not know
     * @param config the one configuration
     * @param out the output root
     * @param parallelism default parallelism
     * @param mode streaming or batch execution; null: as the environment is configured
     */
    record Run(
            String name,
            VideoSource source,
            int videos,
            FramewiseConfig config,
            String out,
            int parallelism,
            RuntimeExecutionMode mode) {}

    private JobRunner() {}

    /**
     * Builds and runs the job, reporting as it goes; returns the final counters.
     *
     * @throws IllegalStateException when the job itself failed (videos failing is not that)
     */
    static JobCounts.Snapshot run(PrintWriter w, Run run) throws Exception {
        FramewiseConfig config = run.config();
        boolean onCluster = JobEnvironment.onCluster();
        StreamExecutionEnvironment env = JobEnvironment.create(run.parallelism(), Map.of(), config);
        if (run.mode() != null) {
            env.setRuntimeMode(run.mode());
        }
        // On a cluster the models are checked before the job is submitted. In this JVM, loading
        // them (about a second, cold) runs beside the MiniCluster's start instead of before it,
        // and a failure stops the job with the same message. The loaded models are held while the
        // job runs: its operators here share their sessions rather than loading them again.
        CompletableFuture<Engines.LoadedModels> models =
                onCluster ? null : CompletableFuture.supplyAsync(() -> Engines.openModels(config));
        (onCluster
                        ? IndexJob.of(run.source(), config, run.out())
                        : IndexJob.withoutModelCheck(run.source(), config, run.out()))
                .build(env);
        if (config.llm().enabled()) {
            announce(
                    w,
                    "Describing keyframes",
                    config.llm(),
                    OpenAiFrameDescriber.apiKeySource(config.llm()));
        }
        if (config.speech().enabled()) {
            announce(
                    w,
                    "Transcribing speech",
                    config.speech(),
                    OpenAiTranscriber.apiKeySource(config.speech()));
        }
        w.flush();

        long start = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        JobClient client;
        try {
            client = env.executeAsync(run.name());
        } catch (Exception | Error e) {
            if (models != null) {
                models.thenAccept(Engines.LoadedModels::close);
            }
            throw e;
        }
        Engines.LoadedModels held = models == null ? null : awaitModels(models, client);
        try {
            return follow(w, run, env, client, start, startMillis);
        } finally {
            if (held != null) {
                held.close();
            }
        }
    }

    /** Reports the submitted job until it ends (or, detached on a cluster, that it started). */
    private static JobCounts.Snapshot follow(
            PrintWriter w,
            Run run,
            StreamExecutionEnvironment env,
            JobClient client,
            long start,
            long startMillis)
            throws Exception {
        FramewiseConfig config = run.config();
        boolean onCluster = JobEnvironment.onCluster();
        w.printf("Started %s: job %s, output %s%n", run.name(), client.getJobID(), run.out());
        w.flush();
        if (onCluster && !env.getConfiguration().get(DeploymentOptions.ATTACHED)) {
            w.println(
                    "Detached: follow it in Flink's web UI (metrics under framewise.* per operator).");
            w.flush();
            return JobCounts.Snapshot.NONE;
        }
        CompletableFuture<JobExecutionResult> result = client.getJobExecutionResult();
        Progress progress = new Progress(w, run.videos(), !onCluster && System.console() != null);
        LiveCounts live = new LiveCounts(client);
        // A local MiniCluster goes away with its job, so wait on the result, not the status; and
        // on the future itself, so that a finished job is seen at once rather than after a sleep.
        while (!result.isDone()) {
            progress.show(live.now(), start);
            try {
                result.get(onCluster ? 1_000 : 250, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // Not finished yet, or failed: the loop ends once it is done, and get() below says.
            }
        }
        JobExecutionResult done;
        try {
            done = result.get();
        } catch (ExecutionException e) {
            progress.finish(live.now(), start);
            throw new IllegalStateException("the job failed: " + rootCause(e));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean localOut = !run.out().contains("://");
        JobCounts.Snapshot counts = LiveCounts.of(done);
        if (localOut) {
            counts = counts.withFailures(LiveCounts.failureRows(Path.of(run.out()), startMillis));
        }
        progress.finish(counts, start);
        if (!onCluster && localOut) {
            summary(w, counts, run.videos(), seconds, Path.of(run.out()), config);
            if (config.search()) {
                searchSummary(w, config.es());
            }
        } else {
            w.printf("%s finished in %.1f s; tables under %s%n", run.name(), seconds, run.out());
            w.flush();
        }
        return counts;
    }

    /**
     * Waits for the model check that runs beside the job's start; when it failed, cancels the job
     * and throws what the check threw (the message names the setting).
     */
    private static Engines.LoadedModels awaitModels(
            CompletableFuture<Engines.LoadedModels> models, JobClient client) throws Exception {
        try {
            return models.join();
        } catch (CompletionException e) {
            try {
                client.cancel().get();
            } catch (ExecutionException cancelled) {
                // The job may have failed on the same models already: nothing left to cancel.
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Which server a remote stage calls, and where its key comes from (never the key). */
    private static void announce(
            PrintWriter w, String what, RemoteStageConfig stage, String keySource) {
        w.printf("%s with %s at %s, %s%n", what, stage.model(), stage.url(), keySource);
    }

    private static void summary(
            PrintWriter w,
            JobCounts.Snapshot s,
            int total,
            double seconds,
            Path out,
            FramewiseConfig config) {
        boolean described = config.llm().enabled();
        boolean transcribed = config.speech().enabled();
        w.println();
        if (total >= 0) {
            w.printf("%-22s %d%n", "videos", total);
        }
        w.printf("%-22s %d%n", "  indexed", s.videosDone());
        w.printf("%-22s %d%n", "  failed", s.videosFailed());
        w.printf("%-22s %d%n", "frames decoded", s.frames());
        w.printf("%-22s %d%n", "shots", s.shots());
        w.printf("%-22s %d%n", "keyframes", s.keyframes());
        if (described) {
            w.printf(
                    "%-22s %d (%d from the cache)%n",
                    "  described", s.described(), s.describedFromCache());
        }
        w.printf("%-22s %d%n", "failure rows", s.failures());
        w.printf(
                "%-22s %.1f s (%.0f frames/s)%n",
                "time", seconds, s.frames() / Math.max(seconds, 1e-3));
        Path abs = out.toAbsolutePath();
        w.printf(
                "%ntables:    %s/{videos,shots,scenes,frames,texts,clusters,cluster_members,failures%s}/dt=*/"
                        + " (Parquet)%n",
                abs,
                (described ? ",llm_calls" : "") + (transcribed ? ",transcripts,speech_calls" : ""));
        w.printf("keyframes: %s/keyframes/{video_id}/{shot}-{frame}.jpg%n", abs);
        w.printf(
                "query:     duckdb -c \"select * from read_parquet('%s/videos/*/*.parquet')\"%n",
                abs);
        w.flush();
    }

    /** What the indices hold now (documents of earlier runs included). */
    private static void searchSummary(PrintWriter w, ElasticsearchConfig es) throws Exception {
        Map<SearchIndex, Long> counts = SearchIndices.counts(es);
        w.printf(
                "search:    %s  %s: %d, %s: %d, %s: %d documents%n",
                es.url(),
                SearchIndex.VIDEOS.alias(es),
                counts.get(SearchIndex.VIDEOS),
                SearchIndex.SHOTS.alias(es),
                counts.get(SearchIndex.SHOTS),
                SearchIndex.FRAMES.alias(es),
                counts.get(SearchIndex.FRAMES));
        w.flush();
    }

    static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
