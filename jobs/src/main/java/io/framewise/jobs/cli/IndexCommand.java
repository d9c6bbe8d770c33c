package io.framewise.jobs.cli;

import io.framewise.jobs.LocalIndexRun;
import io.framewise.pipeline.job.JobProgress;
import io.framewise.pipeline.job.VideoRef;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framewise index}: runs the indexing job over local videos on a MiniCluster. */
@Command(
        name = "index",
        mixinStandardHelpOptions = true,
        description = {
            "Index videos: shots, keyframes (JPEGs), text on screen, and the Parquet tables"
                    + " videos, shots, frames and failures under OUT.",
            "PATH: video files, directories (searched recursively for video extensions) or"
                    + " file:// URIs. Exit status 0 when the job finished, even if some videos"
                    + " failed (they are rows in OUT/failures); 1 when the job itself failed."
        })
final class IndexCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Videos or directories.")
    List<String> paths;

    @Option(
            names = "--out",
            defaultValue = "framewise-data",
            paramLabel = "DIR",
            description = "Output directory (default: ./framewise-data).")
    Path out;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Parallel subtasks (default: one per core).")
    Integer parallelism;

    @Mixin DetectorOptions options = new DetectorOptions();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        List<VideoRef> videos = VideoInputs.of(paths);
        if (videos.isEmpty()) {
            spec.commandLine().getErr().println("framewise: no videos found in " + paths);
            return 1;
        }
        int n = parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
        Files.createDirectories(out);
        w.printf("Indexing %d video(s) with parallelism %d into %s%n", videos.size(), n, out);
        w.flush();
        JobProgress.reset();
        long start = System.nanoTime();
        JobClient job = LocalIndexRun.start(videos, out.toAbsolutePath(), n, options.properties());
        Progress progress = new Progress(w, videos.size(), System.console() != null);
        // The local MiniCluster goes away with its job, so wait on the result, not the status.
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        while (!result.isDone()) {
            progress.show(JobProgress.snapshot(), start);
            Thread.sleep(250);
        }
        progress.finish(JobProgress.snapshot(), start);
        try {
            result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the job failed: " + rootCause(e));
        }
        summary(w, JobProgress.snapshot(), videos.size(), (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private void summary(PrintWriter w, JobProgress.Snapshot s, int total, double seconds) {
        w.println();
        w.printf("%-22s %d%n", "videos", total);
        w.printf("%-22s %d%n", "  indexed", s.videosDone());
        w.printf("%-22s %d%n", "  failed", s.videosFailed());
        w.printf("%-22s %d%n", "frames decoded", s.frames());
        w.printf("%-22s %d%n", "shots", s.shots());
        w.printf("%-22s %d%n", "keyframes", s.keyframes());
        w.printf("%-22s %d%n", "failure rows", s.failures());
        w.printf(
                "%-22s %.1f s (%.0f frames/s)%n",
                "time", seconds, s.frames() / Math.max(seconds, 1e-3));
        Path abs = out.toAbsolutePath();
        w.printf("%ntables:    %s/{videos,shots,frames,failures}/dt=*/ (Parquet)%n", abs);
        w.printf("keyframes: %s/keyframes/{video_id}/{shot}-{frame}.jpg%n", abs);
        w.printf(
                "query:     duckdb -c \"select * from read_parquet('%s/videos/*/*.parquet')\"%n",
                abs);
        w.flush();
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
