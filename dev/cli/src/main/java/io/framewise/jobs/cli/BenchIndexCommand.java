package io.framewise.jobs.cli;

import io.framewise.jobs.JobEnvironment;
import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.jobs.graph.IndexJob;
import io.framewise.jobs.graph.LocalVideos;
import io.framewise.pipeline.metrics.JobCounts;
import io.framewise.pipeline.video.VideoRef;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code framewise bench index VIDEO}: the whole {@code framewise index} process against ffmpeg
 * decoding the video, both timed as processes in turn, then where the job's time goes.
 */
@Command(
        name = "index",
        mixinStandardHelpOptions = true,
        description = {
            "Time the whole 'framewise index VIDEO' process (JVM start, local cluster, every"
                    + " default stage, into a fresh temporary output) against ffmpeg decoding"
                    + " every frame (ffmpeg -threads 2 -i VIDEO -f null -), in turn, and print"
                    + " medians, the ratio (of the medians, and the median of each run's own), the"
                    + " index process's peak RSS and the load average."
                    + " Then run the job once more in this JVM and print each operator chain's"
                    + " busy time (the stage breakdown)."
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

    @Option(names = "--no-stages", description = "Skip the stage breakdown run.")
    boolean noStages;

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
        long peakKb = 0;
        out.printf("load average before: %s%n", loadAverage());
        for (int r = 0; r < runs; r++) {
            Path outDir = Files.createTempDirectory("framewise-bench");
            TimedProcess run =
                    TimedProcess.run(
                            TimedProcess.framewise(
                                    List.of(
                                            "index",
                                            video.toString(),
                                            "--out",
                                            outDir.toString(),
                                            "--parallelism",
                                            Integer.toString(n)),
                                    options.sources().properties()));
            ours.add(run.millis());
            peakKb = Math.max(peakKb, run.peakRssKb());
            delete(outDir);
            if (haveFfmpeg) {
                plain.add(BenchCommand.Detect.timeProcess(decode));
            }
            out.printf(
                    "run %d: framewise index %.0f ms (peak RSS %d MB)%s%n",
                    r + 1,
                    ours.get(r),
                    run.peakRssKb() / 1024,
                    haveFfmpeg ? String.format(", ffmpeg decode %.0f ms", plain.get(r)) : "");
            out.flush();
        }
        double o = BenchCommand.Detect.median(ours);
        out.printf("%nmedian of %d runs, load average after: %s%n", runs, loadAverage());
        out.printf(
                "  framewise index process (parallelism %d)  %8.0f ms  peak RSS %d MB%n",
                n, o, peakKb / 1024);
        if (haveFfmpeg) {
            double p = BenchCommand.Detect.median(plain);
            out.printf(
                    "  ffmpeg decode (-f null)                   %8.0f ms  ratio %.2fx  (runs' own:"
                            + " median %.2fx)%n",
                    p, o / p, BenchCommand.Detect.pairedRatio(ours, plain));
        } else {
            out.println("  ffmpeg not found (" + ffmpeg + "): install Debian's ffmpeg to compare");
        }
        out.flush();
        if (!noStages) {
            stages(out, n);
        }
        return 0;
    }

    /** One more run of the job in this JVM, sampling each operator's busy time. */
    private void stages(PrintWriter out, int n) throws Exception {
        Path outDir = Files.createTempDirectory("framewise-bench");
        int port = OperatorBusyTime.freePort();
        long t0 = System.nanoTime();
        OperatorBusyTime busy = new OperatorBusyTime(port);
        FramewiseConfig config = options.config();
        StreamExecutionEnvironment env =
                JobEnvironment.create(n, OperatorBusyTime.restSettings(port), config);
        IndexJob.of(new LocalVideos(List.of(VideoRef.of(video))), config, outDir.toString())
                .build(env);
        JobExecutionResult result;
        ThreadCpuTime cpu = new ThreadCpuTime();
        try {
            result = busy.follow(env.executeAsync("framewise index"));
        } finally {
            cpu.close();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        JobCounts.Snapshot done = LiveCounts.of(result);
        delete(outDir);
        out.printf(
                "%nstage breakdown (one more run in this JVM, %.1f s: %d frames, %d shots, %d"
                        + " keyframes, %d failures); CPU time of each chain's threads, summed"
                        + " over subtasks:%n",
                seconds, done.frames(), done.shots(), done.keyframes(), done.failures());
        cpu.print(out, busy.vertices());
        out.printf(
                "%nFlink's busy time (it counts a source waiting for work as busy), summed over"
                        + " subtasks:%n");
        busy.print(out);
    }

    /** The 1, 5 and 15 minute load averages, as the kernel gives them. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
