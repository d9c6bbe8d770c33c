package io.framewise.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.connectors.parquet.ParquetTableReader;
import io.framewise.connectors.parquet.Tables;
import io.framewise.jobs.JobEnvironment;
import io.framewise.jobs.VideoJobs;
import io.framewise.udfs.samples.SampleSpec;
import io.framewise.udfs.samples.SampleVideoWriter;
import io.framewise.udfs.samples.SampleVideos;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.execution.JobClient;
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

    private static final ObjectMapper JSON = new ObjectMapper();

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

    private final HttpClient http = HttpClient.newHttpClient();

    /** One run's figures. */
    record Run(
            int slots,
            double wallSeconds,
            double jobSeconds,
            int videos,
            double videoMinutes,
            List<String> vertices,
            Map<String, Double> busyPerSecond,
            Map<String, Double> busyMs) {
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
        JobEnvironment.initializeLocalFileSystems(options.properties());
        List<Run> runs = new ArrayList<>();
        try {
            int most = slots.stream().mapToInt(Integer::intValue).max().orElse(1);
            Run warm = run(root, most);
            out.printf("Warm-up run (%d slots): %.1f s, not counted%n", most, warm.jobSeconds());
            out.flush();
            for (int s : slots) {
                Run r = run(root, s);
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

    private Run run(URI root, int slotCount) throws Exception {
        Path outDir = Files.createTempDirectory("framewise-bench-out");
        int port = freePort();
        Map<String, String> local = new LinkedHashMap<>();
        local.put("taskmanager.numberOfTaskSlots", Integer.toString(slotCount));
        local.put("rest.port", Integer.toString(port));
        local.put("rest.bind-port", Integer.toString(port));
        // The REST API fetches metrics from the TaskManager at most this often.
        local.put("metrics.fetcher.update-interval", "1000");
        StreamExecutionEnvironment env = JobEnvironment.create(slotCount, local);
        VideoJobs.Options o =
                new VideoJobs.Options(
                        outDir.toString(),
                        options.properties(),
                        io.framewise.connectors.source.SourceConfig.from(options.properties()),
                        slotCount,
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(1),
                        null,
                        false);
        VideoJobs.backfill(env, List.of(root), o);
        String rest = "http://127.0.0.1:" + port;
        long t0 = System.nanoTime();
        JobClient client = env.executeAsync("framewise bench backfill");
        String job = client.getJobID().toString();
        Map<String, List<Double>> busySamples = new LinkedHashMap<>();
        Map<String, Double> busyMs = new LinkedHashMap<>();
        List<String> vertices = new ArrayList<>();
        long jobStart = -1;
        while (!client.getJobExecutionResult().isDone()) {
            long started = sample(rest, job, vertices, busySamples, busyMs);
            if (jobStart < 0 && started > 0) {
                jobStart = started;
            }
            Thread.sleep(500);
        }
        client.getJobExecutionResult().get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        // Flink's own job time: from the job's start, without the local cluster's start-up.
        double jobSeconds =
                jobStart > 0 ? (System.currentTimeMillis() - jobStart) / 1000.0 : seconds;
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
        Map<String, Double> busy = new LinkedHashMap<>();
        busySamples.forEach(
                (v, xs) -> busy.put(v, xs.stream().mapToDouble(d -> d).average().orElse(0)));
        return new Run(slotCount, seconds, jobSeconds, ok, ms / 60000.0, vertices, busy, busyMs);
    }

    /**
     * Reads each running vertex's busy time (average over subtasks) and accumulated busy ms (NaN,
     * which Flink reports before a task has measured anything, is left out). Returns the job's
     * start time, or -1.
     */
    private long sample(
            String rest,
            String job,
            List<String> vertices,
            Map<String, List<Double>> busy,
            Map<String, Double> total) {
        try {
            JsonNode detail = get(rest + "/jobs/" + job);
            for (JsonNode v : detail.path("vertices")) {
                String name = v.get("name").asText();
                if (!vertices.contains(name)) {
                    vertices.add(name);
                }
                String url =
                        rest
                                + "/jobs/"
                                + job
                                + "/vertices/"
                                + v.get("id").asText()
                                + "/subtasks/metrics?get="
                                + URLEncoder.encode(
                                        "busyTimeMsPerSecond,accumulateBusyTimeMs",
                                        StandardCharsets.UTF_8)
                                + "&agg=avg,sum";
                for (JsonNode m : get(url)) {
                    String id = m.get("id").asText();
                    double avg = m.path("avg").asDouble(Double.NaN);
                    double sum = m.path("sum").asDouble(Double.NaN);
                    if (id.equals("busyTimeMsPerSecond")
                            && v.path("status").asText().equals("RUNNING")
                            && !Double.isNaN(avg)) {
                        busy.computeIfAbsent(name, k -> new ArrayList<>()).add(avg);
                    } else if (id.equals("accumulateBusyTimeMs") && !Double.isNaN(sum)) {
                        total.merge(name, sum, Math::max);
                    }
                }
            }
            return detail.path("start-time").asLong(-1);
        } catch (Exception e) {
            // The cluster may be starting or stopping; the next sample will do.
            return -1;
        }
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
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
        double all = r.busyMs().values().stream().mapToDouble(d -> d).sum();
        out.printf("  %-90s %10s %8s %7s%n", "operator (chain)", "busy ms/s", "busy s", "share");
        for (String v : r.vertices()) {
            double ms = r.busyMs().getOrDefault(v, 0.0);
            out.printf(
                    "  %-90s %10.0f %8.1f %6.1f%%%n",
                    v.length() > 90 ? v.substring(0, 87) + "..." : v,
                    r.busyPerSecond().getOrDefault(v, 0.0),
                    ms / 1000,
                    all > 0 ? 100 * ms / all : 0);
        }
        out.flush();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
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
