package io.framewise.jobs.cli;

import io.framewise.pipeline.metrics.JobCounts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a production job and reports on it with the same counts wherever it runs (Flink's
 * accumulators, {@link LiveCounts}): locally with the progress display and a summary; on a cluster
 * ({@code flink run}) it prints the job id and, when attached, a line of counts now and then until
 * the job ends (the framewise metrics are in Flink's web UI too).
 */
final class JobRunner {

    private JobRunner() {}

    static void run(
            PrintWriter w,
            StreamExecutionEnvironment env,
            String name,
            boolean onCluster,
            String out)
            throws Exception {
        long start = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        JobClient client = env.executeAsync(name);
        w.printf("Started %s: job %s, output %s%n", name, client.getJobID(), out);
        w.flush();
        if (onCluster && !env.getConfiguration().get(DeploymentOptions.ATTACHED)) {
            w.println(
                    "Detached: follow it in Flink's web UI (metrics under framewise.* per operator).");
            w.flush();
            return;
        }
        CompletableFuture<JobExecutionResult> result = client.getJobExecutionResult();
        Progress progress = new Progress(w, -1, !onCluster && System.console() != null);
        LiveCounts live = new LiveCounts(client);
        while (!result.isDone()) {
            progress.show(live.now(), start);
            Thread.sleep(onCluster ? 1_000 : 250);
        }
        JobExecutionResult done;
        try {
            done = result.get();
        } catch (ExecutionException e) {
            progress.finish(live.now(), start);
            throw new IllegalStateException("the job failed: " + IndexRunner.rootCause(e));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean localOut = !out.contains("://");
        JobCounts.Snapshot counts = LiveCounts.of(done);
        if (localOut) {
            counts = counts.withFailures(LiveCounts.failureRows(Path.of(out), startMillis));
        }
        progress.finish(counts, start);
        if (!onCluster && localOut) {
            IndexRunner.summary(w, counts, -1, seconds, Path.of(out), false);
        } else {
            w.printf("%s finished in %.1f s; tables under %s%n", name, seconds, out);
            w.flush();
        }
    }
}
