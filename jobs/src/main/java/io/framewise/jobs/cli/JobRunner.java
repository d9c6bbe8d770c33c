package io.framewise.jobs.cli;

import io.framewise.pipeline.job.JobProgress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a production job and reports on it: locally with the progress display and a summary; on a
 * cluster ({@code flink run}) it prints the job id and, when attached, waits and prints the job's
 * status now and then (the framewise metrics are in Flink's web UI).
 */
final class JobRunner {

    private static final long CLUSTER_LINE_NANOS = 15_000_000_000L;

    private JobRunner() {}

    static void run(
            PrintWriter w,
            StreamExecutionEnvironment env,
            String name,
            boolean onCluster,
            String out)
            throws Exception {
        JobProgress.reset();
        long start = System.nanoTime();
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
        long lastLine = System.nanoTime();
        while (!result.isDone()) {
            if (!onCluster) {
                progress.show(JobProgress.snapshot(), start);
            } else if (System.nanoTime() - lastLine >= CLUSTER_LINE_NANOS) {
                w.printf(
                        "job %s: %s (%.0f s)%n",
                        client.getJobID(),
                        client.getJobStatus().get(),
                        (System.nanoTime() - start) / 1e9);
                w.flush();
                lastLine = System.nanoTime();
            }
            Thread.sleep(250);
        }
        if (!onCluster) {
            progress.finish(JobProgress.snapshot(), start);
        }
        try {
            result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the job failed: " + IndexRunner.rootCause(e));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!onCluster && !out.contains("://")) {
            IndexRunner.summary(w, JobProgress.snapshot(), -1, seconds, Path.of(out), false);
        } else {
            w.printf("%s finished in %.1f s; tables under %s%n", name, seconds, out);
            w.flush();
        }
    }
}
