package io.framewise.jobs.cli;

import io.framewise.jobs.JobEnvironment;
import io.framewise.jobs.config.ConfigSources;
import io.framewise.llmsim.LlmSimulator;
import io.framewise.pipeline.graph.TranscribeSpeech;
import io.framewise.pipeline.messages.VideoSpeech;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.SpeechCallRow;
import io.framewise.pipeline.speech.AudioChunk;
import io.framewise.pipeline.speech.SpeechAudio;
import io.framewise.pipeline.speech.SpeechConfig;
import io.framewise.pipeline.speech.Transcriber;
import io.framewise.pipeline.speech.Transcription;
import io.framewise.pipeline.video.VideoRef;
import io.framewise.testkit.samples.SpeakingVideo;
import io.framewise.udfs.speech.FfmpegSpeechExtractor;
import io.framewise.udfs.speech.OpenAiTranscriber;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code framewise bench speech}: audio extraction and voice activity on a long speaking video,
 * then the speech stage (Flink Async I/O) against a sequential client, both against the project's
 * simulator, in the same run.
 */
@Command(
        name = "speech",
        mixinStandardHelpOptions = true,
        description = {
            "Make a speaking video (espeak-ng, a distinct sentence every few seconds, a tone now"
                    + " and then) of the benchmark video's length; time the audio extraction and"
                    + " voice activity on it (audio minutes per wall second); then transcribe its"
                    + " chunks with the speech stage of the indexing job (Flink Async I/O on a"
                    + " local MiniCluster) and, in the same run, with the same client one chunk at"
                    + " a time, both against the simulator at the given latency; print chunks per"
                    + " second of each and the ratio."
        })
final class BenchSpeechCommand implements Callable<Integer> {

    @Option(
            names = "--minutes",
            defaultValue = "10",
            description = "Length of the video (default 10, the benchmark video's).")
    int minutes;

    @Option(
            names = "--latency-ms",
            defaultValue = "500",
            description = "Simulator's median latency (default 500).")
    long latencyMs;

    @Option(
            names = "--sequential",
            defaultValue = "20",
            paramLabel = "N",
            description = "Chunks for the sequential client, the first N (default 20).")
    int sequential;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Subtasks of the speech stage (default: one per core).")
    Integer parallelism;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description =
                    "A speech.* setting for both clients, e.g. --set speech.async.capacity=64.")
    Map<String, String> overrides = new java.util.LinkedHashMap<>();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!SpeakingVideo.available()) {
            throw new IllegalStateException(
                    "espeak-ng is not installed (apt-get install espeak-ng): no speech to time");
        }
        int n = parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
        Path dir = Files.createTempDirectory("framewise-bench-speech");
        Path video = dir.resolve("speaking.mp4");
        long lengthMs = minutes * 60_000L;
        List<SpeakingVideo.Line> lines = new ArrayList<>();
        List<SpeakingVideo.Sweep> tones = new ArrayList<>();
        String[] topics = {"budgets", "libraries", "rivers", "engines", "gardens", "markets"};
        int i = 0;
        for (long t = 1_000; t < lengthMs - 5_000; t += 5_000, i++) {
            if (i % 10 == 9) {
                tones.add(new SpeakingVideo.Sweep(t, t + 3_000, 300, 3000));
            } else {
                lines.add(
                        new SpeakingVideo.Line(
                                t,
                                "Sentence " + i + " is about " + topics[i % topics.length] + "."));
            }
        }
        out.printf(
                "writing a %d-minute speaking video (%d sentences, %d tones) ...%n",
                minutes, lines.size(), tones.size());
        out.flush();
        long w0 = System.nanoTime();
        SpeakingVideo.write(
                new SpeakingVideo.Spec(lengthMs, List.of(), lines, tones, true), video, 2);
        out.printf("  written in %.1f s: %s%n", (System.nanoTime() - w0) / 1e9, video);

        SpeechConfig defaults = config(null);
        List<AudioChunk> chunks = new ArrayList<>();
        // Once untimed (JIT, natives), then timed.
        new FfmpegSpeechExtractor(defaults).extract("bench", video, c -> {});
        long e0 = System.nanoTime();
        SpeechAudio audio =
                new FfmpegSpeechExtractor(defaults).extract("bench", video, chunks::add);
        double extractSeconds = (System.nanoTime() - e0) / 1e9;
        long sentMs = chunks.stream().mapToLong(AudioChunk::durationMs).sum();
        out.printf(
                "%naudio extraction + voice activity + chunking: %.1f audio minutes in %.2f s ="
                        + " %.1f audio minutes per wall second%n",
                audio.audioMs() / 60_000.0,
                extractSeconds,
                audio.audioMs() / 60_000.0 / extractSeconds);
        out.printf(
                "  %d speech regions (%.1f s of speech), %d chunks (%.1f s sent, %.0f%% of the"
                        + " audio)%n",
                audio.regions().size(),
                audio.speechMs() / 1000.0,
                chunks.size(),
                sentMs / 1000.0,
                100.0 * sentMs / Math.max(1, audio.audioMs()));
        out.flush();

        LlmSimulator.Options options = LlmSimulator.Options.wellBehaved(latencyMs);
        try (LlmSimulator sim = LlmSimulator.start(options)) {
            SpeechConfig config = config(sim.baseUrl().toString());
            out.printf("%nsimulator at %s, %d ms median latency%n", sim.baseUrl(), latencyMs);
            long r0 = sim.stats().requests();
            Async async = async(video, config, n);
            long requests = sim.stats().requests() - r0;
            double asyncRate = async.calls.size() / async.stageSeconds;
            long ok = async.calls.stream().filter(c -> "ok".equals(c.status())).count();
            out.printf(
                    "async stage (Flink, parallelism %d, %d in flight per subtask): %d chunks in"
                            + " %.2f s = %.1f chunks/s (whole job with MiniCluster start %.2f s)%n",
                    n,
                    config.capacity(),
                    async.calls.size(),
                    async.stageSeconds,
                    asyncRate,
                    async.jobSeconds);
            out.printf(
                    "  %d ok, %d failure rows, %d requests, %d segments%n",
                    ok,
                    async.failures.size(),
                    requests,
                    async.speech.stream().mapToInt(s -> s.segments().size()).sum());
            int k = Math.min(sequential, chunks.size());
            double seqSeconds = sequential(chunks.subList(0, k), config);
            double seqRate = k / seqSeconds;
            out.printf(
                    "sequential client (one call at a time): %d chunks in %.2f s = %.2f"
                            + " chunks/s%n",
                    k, seqSeconds, seqRate);
            out.printf("ratio: %.1fx%n", asyncRate / seqRate);
        }
        out.printf(
                "%d cores here, load average %.2f at the end%n",
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.flush();
        Files.deleteIfExists(video);
        Files.deleteIfExists(dir);
        return 0;
    }

    private SpeechConfig config(String url) throws IOException {
        Map<String, String> server = url == null ? Map.of() : Map.of("speech.url", url);
        return new ConfigSources(null, Map.of(), overrides, server).load().speech();
    }

    private record Async(
            List<SpeechCallRow> calls,
            List<FailureRow> failures,
            List<VideoSpeech> speech,
            double stageSeconds,
            double jobSeconds) {}

    private static Async async(Path video, SpeechConfig config, int parallelism) throws Exception {
        StreamExecutionEnvironment env = JobEnvironment.create(parallelism, Map.of());
        TranscribeSpeech.Result result =
                TranscribeSpeech.apply(
                        env.fromData(
                                        List.of(VideoRef.of(video.toUri())),
                                        TypeInformation.of(VideoRef.class))
                                .name("the video")
                                .setParallelism(1),
                        FfmpegSpeechExtractor.factory(config),
                        OpenAiTranscriber.factory(config),
                        config,
                        io.framewise.pipeline.video.VideoFetcher.localFiles());
        CloseableIterator<SpeechCallRow> calls = result.speechCalls().collectAsync();
        CloseableIterator<FailureRow> failures = result.failures().collectAsync();
        CloseableIterator<VideoSpeech> speech = result.speech().collectAsync();
        long t0 = System.nanoTime();
        JobClient job = env.executeAsync("bench speech");
        List<SpeechCallRow> rows = new ArrayList<>();
        List<FailureRow> failed = new ArrayList<>();
        List<VideoSpeech> spoken = new ArrayList<>();
        calls.forEachRemaining(rows::add);
        failures.forEachRemaining(failed::add);
        speech.forEachRemaining(spoken::add);
        job.getJobExecutionResult().get();
        double jobSeconds = (System.nanoTime() - t0) / 1e9;
        // From the first request sent to the last answer recorded: the stage's own time.
        long first = rows.stream().mapToLong(r -> r.at() - r.latencyMs()).min().orElse(0);
        long last = rows.stream().mapToLong(SpeechCallRow::at).max().orElse(0);
        return new Async(rows, failed, spoken, Math.max(1, last - first) / 1000.0, jobSeconds);
    }

    private static double sequential(List<AudioChunk> chunks, SpeechConfig config) {
        long t0;
        try (Transcriber t = OpenAiTranscriber.factory(config).create(1)) {
            t0 = System.nanoTime();
            for (AudioChunk c : chunks) {
                Transcription tr = t.transcribe(c).join();
                if (!tr.ok()) {
                    throw new IllegalStateException("a sequential call failed: " + tr.message());
                }
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
