package io.framewise.jobs.cli;

import io.framewise.connectors.parquet.ParquetTableReader;
import io.framewise.connectors.parquet.Tables;
import io.framewise.jobs.JobEnvironment;
import io.framewise.jobs.config.ConfigSources;
import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.jobs.graph.IndexJob;
import io.framewise.jobs.graph.LocalVideos;
import io.framewise.llmsim.LlmSimulator;
import io.framewise.pipeline.enrich.Enrichment;
import io.framewise.pipeline.enrich.FrameDescriber;
import io.framewise.pipeline.enrich.FrameToDescribe;
import io.framewise.pipeline.enrich.LlmConfig;
import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeQuality;
import io.framewise.pipeline.graph.EnrichKeyframes;
import io.framewise.pipeline.messages.Messages;
import io.framewise.pipeline.messages.Messages.KeyframeDone;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.LlmCallRow;
import io.framewise.pipeline.text.RecognizedText;
import io.framewise.pipeline.text.TextBox;
import io.framewise.pipeline.text.TextLine;
import io.framewise.pipeline.video.VideoRef;
import io.framewise.udfs.enrich.OpenAiFrameDescriber;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code framewise bench enrich}: the describing stage (Flink Async I/O) against a sequential
 * client, both against the project's LLM simulator, in the same run.
 */
@Command(
        name = "enrich",
        mixinStandardHelpOptions = true,
        description = {
            "Describe generated keyframes (distinct 512x288 pictures, a third with text) with the"
                    + " describing stage of the indexing job (Flink Async I/O on a local"
                    + " MiniCluster) and, in the same run, with the same client one call at a"
                    + " time, both against the LLM simulator started here; print keyframes per"
                    + " second of each and the ratio, and account for every keyframe, failure and"
                    + " request.",
            "With --video, also index that video with enrichment and print the description"
                    + " cache's hit rate on it."
        })
final class BenchEnrichCommand implements Callable<Integer> {

    @Option(names = "--keyframes", defaultValue = "1000", description = "Keyframes (default 1000).")
    int keyframes;

    @Option(
            names = "--sequential",
            defaultValue = "100",
            paramLabel = "N",
            description =
                    "Keyframes for the sequential client, the first N of the same ones (default"
                            + " 100: about 30 s at 250 ms a call; its rate is what is compared).")
    int sequential;

    @Option(
            names = "--latency-ms",
            defaultValue = "250",
            description = "Simulator's median latency (default 250).")
    long latencyMs;

    @Option(
            names = "--warmup",
            defaultValue = "300",
            paramLabel = "N",
            description =
                    "Keyframes of an untimed first run of the stage, so that neither side is"
                            + " timed while the JIT compiles (default 300; 0: none).")
    int warmup;

    @Option(
            names = "--p429",
            defaultValue = "0.05",
            description = "Share of 429 answers (default 0.05).")
    double p429;

    @Option(
            names = "--p500",
            defaultValue = "0.02",
            description = "Share of 500 answers (default 0.02).")
    double p500;

    @Option(
            names = "--ptimeout",
            defaultValue = "0",
            description = "Share of requests never answered (default 0).")
    double pTimeout;

    @Option(
            names = "--retry-after-ms",
            defaultValue = "1000",
            description = "The wait the simulator's 429s ask for (default 1000).")
    long retryAfterMs;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Subtasks of the describing stage (default: one per core).")
    Integer parallelism;

    @Option(
            names = "--video",
            paramLabel = "PATH",
            description = "Also index this video with enrichment and report the cache hit rate.")
    Path video;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "An llm.* setting for both clients, e.g. --set llm.async.capacity=128.")
    Map<String, String> overrides = new java.util.LinkedHashMap<>();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int n = parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
        LlmSimulator.Options options =
                new LlmSimulator.Options(
                        0, latencyMs, p429, p500, pTimeout, 0, 0, retryAfterMs, 42, null, 0);
        try (LlmSimulator sim = LlmSimulator.start(options)) {
            FramewiseConfig settings =
                    new ConfigSources(
                                    null,
                                    Map.of(),
                                    overrides,
                                    Map.of(
                                            "llm.url",
                                            sim.baseUrl().toString(),
                                            "llm.model",
                                            LlmSimulator.MODEL))
                            .load();
            LlmConfig config = settings.llm();
            out.printf(
                    "LLM simulator at %s: %d ms median latency, %.0f%% 429 (Retry-After %d ms),"
                            + " %.0f%% 500, %.0f%% unanswered%n",
                    sim.baseUrl(), latencyMs, p429 * 100, retryAfterMs, p500 * 100, pTimeout * 100);
            out.printf("generating %d keyframes ...%n", keyframes + warmup);
            out.flush();
            List<KeyframeDone> all = frames(keyframes + warmup, config);
            List<KeyframeDone> frames = all.subList(warmup, all.size());
            if (warmup > 0) {
                Async w = async(all.subList(0, warmup), config, n);
                out.printf(
                        "warm-up: %d keyframes through the stage in %.2f s (not timed)%n",
                        w.out.size(), w.stageSeconds);
                out.flush();
            }

            LlmSimulator.Stats before = sim.stats();
            long cpu0 = cpuNanos();
            Async async = async(frames, config, n);
            long cpu = cpuNanos() - cpu0;
            LlmSimulator.Stats after = sim.stats();
            double asyncRate = keyframes / async.stageSeconds;
            out.printf(
                    "%nasync stage (Flink, parallelism %d, %d in flight per subtask):"
                            + " %d keyframes in %.2f s = %.1f keyframes/s (whole job with"
                            + " MiniCluster start %.2f s)%n",
                    n,
                    config.capacity(),
                    keyframes,
                    async.stageSeconds,
                    asyncRate,
                    async.jobSeconds);
            out.printf(
                    "  CPU of this JVM meanwhile: %.1f ms per keyframe (Flink, client and simulator"
                            + " together; %d cores here, load average %.1f at the end)%n",
                    cpu / 1e6 / keyframes,
                    Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
            out.flush();

            double seqSeconds =
                    sequential(frames.subList(0, Math.min(sequential, keyframes)), config);
            double seqRate = Math.min(sequential, keyframes) / seqSeconds;
            out.printf(
                    "sequential client (one call at a time): %d keyframes in %.2f s = %.2f"
                            + " keyframes/s%n",
                    Math.min(sequential, keyframes), seqSeconds, seqRate);
            out.printf("ratio: %.1fx (target >= 50x)%n", asyncRate / seqRate);

            account(out, frames, async, before, after);
            if (video != null) {
                cacheOnVideo(out, video, settings, n);
            }
            out.flush();
        }
        return 0;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Distinct pictures: hue, bars and (every third) lines of text vary with the index. */
    static List<KeyframeDone> frames(int count, LlmConfig config) throws IOException {
        VideoRef ref = new VideoRef("bench-enrich", "file:///bench/enrich");
        List<KeyframeDone> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(512, 288, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = image.createGraphics();
            g.setColor(Color.getHSBColor((i * 0.618034f) % 1f, 0.6f, 0.3f + (i % 7) * 0.1f));
            g.fillRect(0, 0, 512, 288);
            g.setColor(Color.getHSBColor((i * 0.381966f) % 1f, 0.8f, 0.9f));
            for (int b = 0; b < 1 + i % 5; b++) {
                g.fillRect(40 + b * 90, 180 - (i * 13 + b * 29) % 120, 60, 100);
            }
            String ocr = null;
            if (i % 3 == 0) {
                ocr = "Slide " + i + ": results";
                g.setColor(Color.WHITE);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 28));
                g.drawString(ocr, 30, 60);
            }
            g.dispose();
            ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
            ImageIO.write(image, "jpeg", jpeg);
            // Distinct perceptual hashes, so the cache cannot help: every keyframe is asked for.
            long phash = (i + 1) * 0x9E3779B97F4A7C15L;
            Keyframe k =
                    new Keyframe(
                            ref.videoId(),
                            i / 5,
                            i,
                            i * 1000L,
                            "",
                            phash,
                            new KeyframeQuality(100, 100, 40, 0.8),
                            null,
                            0.0);
            RecognizedText text =
                    ocr == null
                            ? null
                            : new RecognizedText(
                                    List.of(new TextLine(ocr, 0.9f, new TextBox(30, 30, 300, 40))),
                                    1,
                                    5);
            frames.add(
                    new KeyframeDone(
                            new Messages.KeyframeTask(ref, null, k, count),
                            new Messages.KeyframeRead(text, "", null, null, null, null),
                            jpeg.toByteArray(),
                            null));
        }
        return frames;
    }

    /** What the async run produced, and how long its describing took. */
    private record Async(
            List<KeyframeDone> out,
            List<LlmCallRow> calls,
            List<FailureRow> failures,
            double stageSeconds,
            double jobSeconds) {}

    private static Async async(List<KeyframeDone> frames, LlmConfig config, int parallelism)
            throws Exception {
        StreamExecutionEnvironment env = JobEnvironment.create(parallelism, Map.of());
        EnrichKeyframes.Result result =
                EnrichKeyframes.apply(
                        env.fromData(frames, TypeInformation.of(KeyframeDone.class))
                                .name("generated keyframes")
                                .setParallelism(1),
                        OpenAiFrameDescriber.factory(config),
                        config);
        CloseableIterator<KeyframeDone> keyframes = result.keyframes().collectAsync();
        CloseableIterator<LlmCallRow> calls = result.llmCalls().collectAsync();
        CloseableIterator<FailureRow> failures = result.failures().collectAsync();
        long t0 = System.nanoTime();
        JobClient job = env.executeAsync("bench enrich");
        List<KeyframeDone> out = new ArrayList<>();
        List<LlmCallRow> rows = new ArrayList<>();
        List<FailureRow> failed = new ArrayList<>();
        keyframes.forEachRemaining(out::add);
        calls.forEachRemaining(rows::add);
        failures.forEachRemaining(failed::add);
        job.getJobExecutionResult().get();
        double jobSeconds = (System.nanoTime() - t0) / 1e9;
        // From the first request sent to the last answer recorded: the stage's own time.
        long first = rows.stream().mapToLong(r -> r.at() - r.latencyMs()).min().orElse(0);
        long last = rows.stream().mapToLong(LlmCallRow::at).max().orElse(0);
        return new Async(out, rows, failed, (last - first) / 1000.0, jobSeconds);
    }

    private static double sequential(List<KeyframeDone> frames, LlmConfig config) {
        long t0;
        try (FrameDescriber d = OpenAiFrameDescriber.factory(config).create(1)) {
            t0 = System.nanoTime();
            for (KeyframeDone k : frames) {
                Enrichment e =
                        d.describe(
                                        new FrameToDescribe(
                                                k.video().videoId(),
                                                k.keyframe().shot(),
                                                k.keyframe().frame(),
                                                k.llmImage(),
                                                k.text() == null ? null : k.text().text()))
                                .join();
                if (e == null) {
                    throw new IllegalStateException("no outcome");
                }
            }
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    private void account(
            PrintWriter out,
            List<KeyframeDone> in,
            Async async,
            LlmSimulator.Stats before,
            LlmSimulator.Stats after) {
        Set<Long> seen = new HashSet<>();
        int twice = 0;
        int described = 0;
        for (KeyframeDone k : async.out) {
            if (!seen.add(k.keyframe().frame())) {
                twice++;
            }
            if (k.description() != null) {
                described++;
            }
        }
        Set<Long> missing = new HashSet<>();
        in.forEach(k -> missing.add(k.keyframe().frame()));
        missing.removeAll(seen);
        Map<String, Integer> statuses = new TreeMap<>();
        long attempts = 0;
        long inputTokens = 0;
        long outputTokens = 0;
        for (LlmCallRow r : async.calls) {
            statuses.merge(r.status(), 1, Integer::sum);
            attempts += r.attempts();
            inputTokens += r.inputTokens();
            outputTokens += r.outputTokens();
        }
        long requests = after.requests() - before.requests();
        int undescribed = async.out.size() - described;
        out.printf(
                "%naccounting: %d keyframes in, %d out (%d lost, %d twice); %d described, %d not"
                        + " = %d failure rows%s%n",
                in.size(),
                async.out.size(),
                missing.size(),
                twice,
                described,
                undescribed,
                async.failures.size(),
                undescribed == async.failures.size() ? "" : "  MISMATCH");
        out.printf(
                "  llm_calls rows %d, statuses %s; %d attempts in them = %d requests the simulator"
                        + " saw%s%n",
                async.calls.size(),
                statuses,
                attempts,
                requests,
                attempts == requests ? "" : "  MISMATCH");
        out.printf(
                "  the simulator answered: ok %d, 429 %d, 500 %d, unanswered %d (each 429, 500 and"
                        + " timeout was retried or is in a failure row)%n",
                after.ok() - before.ok(),
                after.rateLimited() - before.rateLimited(),
                after.serverErrors() - before.serverErrors(),
                after.unanswered() - before.unanswered());
        out.printf("  tokens: %d in, %d out%n", inputTokens, outputTokens);
        long[] latencies = async.calls.stream().mapToLong(LlmCallRow::latencyMs).sorted().toArray();
        if (latencies.length > 0) {
            long total = java.util.Arrays.stream(latencies).sum();
            out.printf(
                    "  latency per keyframe (retries included): median %d ms, 90%% %d ms, max %d"
                            + " ms; %.0f keyframes in flight on average%n",
                    latencies[latencies.length / 2],
                    latencies[latencies.length * 9 / 10],
                    latencies[latencies.length - 1],
                    total / 1000.0 / async.stageSeconds);
        }
        Map<String, Integer> codes = new TreeMap<>();
        async.failures.forEach(f -> codes.merge(f.code(), 1, Integer::sum));
        if (!codes.isEmpty()) {
            out.printf("  failure rows by code: %s%n", codes);
        }
    }

    private static void cacheOnVideo(
            PrintWriter out, Path video, FramewiseConfig settings, int parallelism)
            throws Exception {
        Path dir = Files.createTempDirectory("framewise-bench-enrich");
        out.printf("%nindexing %s with enrichment into %s ...%n", video, dir);
        out.flush();
        long t0 = System.nanoTime();
        StreamExecutionEnvironment env = JobEnvironment.create(parallelism, Map.of(), settings);
        IndexJob.of(new LocalVideos(List.of(VideoRef.of(video))), settings, dir.toString())
                .build(env);
        env.execute("framewise index");
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<GenericRecord> calls = ParquetTableReader.read(dir, Tables.LLM_CALLS);
        long cached = calls.stream().filter(r -> (Boolean) r.get("cached")).count();
        long failed = calls.stream().filter(r -> !"ok".equals(r.get("status").toString())).count();
        long attempts = calls.stream().mapToLong(r -> (Integer) r.get("attempts")).sum();
        out.printf(
                "video: %d keyframes described in %.1f s (whole job); cache hits %d of %d = %.1f%%;"
                        + " %d LLM requests; %d failed%n",
                calls.size(),
                seconds,
                cached,
                calls.size(),
                calls.isEmpty() ? 0 : 100.0 * cached / calls.size(),
                attempts,
                failed);
        out.printf("tables: %s%n", dir);
    }
}
