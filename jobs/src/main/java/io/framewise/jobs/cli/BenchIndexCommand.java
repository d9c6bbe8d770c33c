package io.framewise.jobs.cli;

import io.framewise.jobs.LocalIndexRun;
import io.framewise.pipeline.job.JobProgress;
import io.framewise.pipeline.job.VideoRef;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code framewise bench index VIDEO}: the whole local job against ffmpeg decoding the video. */
@Command(
        name = "index",
        mixinStandardHelpOptions = true,
        description = {
            "Time the indexing job end to end on one video (a local MiniCluster started for each"
                    + " run, into a fresh temporary output) against ffmpeg decoding every frame"
                    + " (ffmpeg -threads 2 -i VIDEO -f null -), in turn, and print medians and the"
                    + " ratio."
        })
final class BenchIndexCommand implements Callable<Integer> {

    @Parameters(paramLabel = "VIDEO")
    Path video;

    @Option(names = "--runs", defaultValue = "3", description = "Runs of each (default 3).")
    int runs;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Parallel subtasks (default: one per core).")
    Integer parallelism;

    @Option(names = "--ffmpeg", defaultValue = "ffmpeg", description = "ffmpeg to compare with.")
    String ffmpeg;

    @Mixin DetectorOptions options = new DetectorOptions();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int n = parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
        boolean haveFfmpeg = BenchCommand.Detect.works(List.of(ffmpeg, "-version"));
        List<String> decode = BenchCommand.Detect.decodeCommand(ffmpeg, video);
        List<Double> ours = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        JobProgress.Snapshot last = null;
        for (int r = 0; r < runs; r++) {
            Path outDir = Files.createTempDirectory("framewise-bench");
            JobProgress.reset();
            long t0 = System.nanoTime();
            LocalIndexRun.start(List.of(VideoRef.of(video)), outDir, n, options.properties())
                    .getJobExecutionResult()
                    .get();
            ours.add((System.nanoTime() - t0) / 1e6);
            last = JobProgress.snapshot();
            delete(outDir);
            if (haveFfmpeg) {
                plain.add(BenchCommand.Detect.timeProcess(decode));
            }
            out.printf(
                    "run %d: framewise index %.0f ms%s%n",
                    r + 1,
                    ours.get(r),
                    haveFfmpeg ? String.format(", ffmpeg decode %.0f ms", plain.get(r)) : "");
            out.flush();
        }
        double o = BenchCommand.Detect.median(ours);
        out.printf(
                "%nmedian of %d runs: %d frames, %d shots, %d keyframes, %d failures%n",
                runs, last.frames(), last.shots(), last.keyframes(), last.failures());
        out.printf("  framewise index (parallelism %d)  %8.0f ms%n", n, o);
        if (haveFfmpeg) {
            double p = BenchCommand.Detect.median(plain);
            out.printf("  ffmpeg decode (-f null)           %8.0f ms  ratio %.2fx%n", p, o / p);
        } else {
            out.println("  ffmpeg not found (" + ffmpeg + "): install Debian's ffmpeg to compare");
        }
        out.flush();
        return 0;
    }

    private static void delete(Path dir) throws java.io.IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
