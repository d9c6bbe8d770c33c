package io.framewise.jobs.cli;

import io.framewise.connectors.parquet.ParquetTableReader;
import io.framewise.connectors.parquet.Tables;
import io.framewise.jobs.JobEnvironment;
import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.jobs.graph.IncomingVideos;
import io.framewise.jobs.graph.IndexJob;
import io.framewise.testkit.samples.SampleSpec;
import io.framewise.testkit.samples.SampleVideoWriter;
import io.framewise.testkit.samples.SampleVideos;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code framewise bench backfill}: backfill throughput with 1 and 2 TaskManager slots, and where
 * the time goes per operator, from Flink's own metrics.
 */
@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        description = {
            "Time the backfill job over a prefix on a local cluster (a MiniCluster with one"
                    + " TaskManager) with each number of slots in --slots (parallelism = slots),"
                    + " one after the other, into fresh temporary outputs, after one warm-up run"
                    + " (natives loaded, code compiled). Prints video-minutes indexed per minute"
                    + " of job time, the ratio to the first (the baseline: 1 slot),"
                    + " and per operator the busy time Flink measured (busyTimeMsPerSecond while"
                    + " running, accumulateBusyTimeMs in all) from the cluster's REST API.",
            "Without PREFIX it generates a corpus: the demo's sample videos (640x360 slides and"
                    + " motion, a portrait WebM), copied to --videos files."
        })
final class BenchBackfillCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PREFIX", arity = "0..1", description = "Videos to backfill.")
    String prefix;

    @Option(
            names = "--videos",
            defaultValue = "12",
            description = "Videos in the generated corpus (default 12).")
    int videos;

    @Option(
            names = "--slots",
            defaultValue = "1,2",
            split = ",",
            description = "Slot counts to run, in turn (default 1,2).")
    List<Integer> slots;

    @Mixin DetectorOptions options = new DetectorOptions();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    /** One run's figures. */
    record Run(
            int slots,
            double wallSeconds,
            double jobSeconds,
            int videos,
            double videoMinutes,
            OperatorBusyTime busy) {
        /** Video-minutes indexed per minute of job time (Flink's, from the job's start). */
        double throughput() {
            return videoMinutes / (jobSeconds / 60.0);
        }

        /** Video-minutes indexed per wall minute, the local cluster's start-up included. */
        double wallThroughput() {
            return videoMinutes / (wallSeconds / 60.0);
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path corpus = null;
        URI root;
        if (prefix == null) {
            corpus = Files.createTempDirectory("framewise-bench-corpus");
            generate(corpus, videos);
            root = corpus.toUri();
            out.printf("Generated %d videos in %s%n", videos, corpus);
        } else {
            root = JobOptions.prefix(prefix);
        }
        FramewiseConfig config = options.config();
        List<Run> runs = new ArrayList<>();
        try {
            int most = slots.stream().mapToInt(Integer::intValue).max().orElse(1);
            Run warm = run(root, most, config);
            out.printf("Warm-up run (%d slots): %.1f s, not counted%n", most, warm.jobSeconds());
            out.flush();
            for (int s : slots) {
                Run r = run(root, s, config);
                runs.add(r);
                report(out, r, runs.get(0));
            }
        } finally {
            if (corpus != null) {
                delete(corpus);
            }
        }
        out.println();
        out.printf(
                "%-6s %7s %7s %7s %10s %18s %17s %9s%n",
                "slots",
                "wall s",
                "job s",
                "videos",
                "video-min",
                "video-min/wall-min",
                "video-min/job-min",
                "vs first");
        for (Run r : runs) {
            out.printf(
                    "%-6d %7.1f %7.1f %7d %10.2f %18.2f %17.2f %8.2fx%n",
                    r.slots(),
                    r.wallSeconds(),
                    r.jobSeconds(),
                    r.videos(),
                    r.videoMinutes(),
                    r.wallThroughput(),
                    r.throughput(),
                    r.throughput() / runs.get(0).throughput());
        }
        out.flush();
        return 0;
    }

    private static void generate(Path dir, int n) throws IOException {
        List<SampleSpec> specs = SampleVideos.demo();
        Path written = Files.createDirectories(dir.resolve(".written"));
        List<Path> files = new ArrayList<>();
        for (SampleSpec spec : specs) {
            files.add(written.resolve(SampleVideoWriter.write(spec, written).file()));
        }
        for (int i = 0; i < n; i++) {
            Path src = files.get(i % files.size());
            String name = src.getFileName().toString();
            Files.copy(
                    src,
                    dir.resolve(String.format("%03d-%s", i, name)),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Run run(URI root, int slotCount, FramewiseConfig config) throws Exception {
        Path outDir = Files.createTempDirectory("framewise-bench-out");
        int port = OperatorBusyTime.freePort();
        Map<String, String> local = OperatorBusyTime.restSettings(port);
        local.put("taskmanager.numberOfTaskSlots", Integer.toString(slotCount));
        StreamExecutionEnvironment env = JobEnvironment.create(slotCount, local, config);
        IncomingVideos.Admission admission =
                new IncomingVideos.Admission(
                        outDir.toString(),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(1),
                        null,
                        false);
        IndexJob.of(
                        IncomingVideos.listing(List.of(root), config, admission),
                        config,
                        outDir.toString())
                .build(env);
        long t0 = System.nanoTime();
        OperatorBusyTime busy = new OperatorBusyTime(port);
        busy.follow(env.executeAsync("framewise bench backfill"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        // Flink's own job time: from the job's start, without the local cluster's start-up.
        double jobSeconds =
                busy.jobStart() > 0
                        ? (System.currentTimeMillis() - busy.jobStart()) / 1000.0
                        : seconds;
        List<GenericRecord> rows = ParquetTableReader.read(outDir, Tables.VIDEOS);
        int ok = 0;
        long ms = 0;
        for (GenericRecord r : rows) {
            if ("ok".equals(String.valueOf(r.get("status")))) {
                ok++;
                ms += (Long) r.get("duration_ms");
            }
        }
        delete(outDir);
        return new Run(slotCount, seconds, jobSeconds, ok, ms / 60000.0, busy);
    }

    private static void report(PrintWriter out, Run r, Run first) {
        out.printf(
                "%n%d slot(s): %d videos, %.2f video-minutes in %.1f s of job time (%.1f s wall):"
                        + " %.2f video-min per job-min (%.2fx the first run)%n",
                r.slots(),
                r.videos(),
                r.videoMinutes(),
                r.jobSeconds(),
                r.wallSeconds(),
                r.throughput(),
                r.throughput() / first.throughput());
        r.busy().print(out);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
