package io.framewise.jobs.cli;

import io.framewise.llmsim.LlmSimulator;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code framewise llm-sim}: the project's OpenAI-compatible vision LLM simulator. */
@Command(
        name = "llm-sim",
        mixinStandardHelpOptions = true,
        description = {
            "Serve an OpenAI-compatible chat-completions API (POST /v1/chat/completions, GET"
                    + " /v1/models) on 127.0.0.1 that describes pictures deterministically from"
                    + " their colours, brightness and whether they show text, with honest token"
                    + " counts, and fails on purpose at the given rates. Runs until stopped"
                    + " (Ctrl-C).",
            "It serves POST /v1/audio/transcriptions too: it recognises no speech, but finds the"
                    + " speech regions in the uploaded 16 kHz WAV and returns them as segments with"
                    + " their real times, as text a marker (speech 12.40–15.10 s) or the"
                    + " --transcripts file's sentences.",
            "Use it with: framewise index VIDEO --llm http://127.0.0.1:PORT/v1"
        })
final class LlmSimCommand implements Callable<Integer> {

    @Option(
            names = "--port",
            defaultValue = "8089",
            description = "Port (default 8089; 0: any free port).")
    int port;

    @Option(
            names = "--latency-ms",
            defaultValue = "250",
            description = "Median latency of an answer, log-normal (default 250).")
    long latencyMs;

    @Option(
            names = "--p429",
            defaultValue = "0.05",
            description = "Share of requests answered 429 (default 0.05).")
    double p429;

    @Option(
            names = "--p500",
            defaultValue = "0.02",
            description = "Share answered 500 (default 0.02).")
    double p500;

    @Option(
            names = "--ptimeout",
            defaultValue = "0.01",
            description = "Share never answered (default 0.01).")
    double pTimeout;

    @Option(
            names = "--pbad-json",
            defaultValue = "0",
            description = "Share answered with JSON cut short (default 0).")
    double pBadJson;

    @Option(
            names = "--pfenced-json",
            defaultValue = "0",
            description =
                    "Share answered with JSON in a Markdown fence, trailing comma (default 0).")
    double pFencedJson;

    @Option(
            names = "--retry-after-ms",
            defaultValue = "1000",
            description = "The wait a 429 asks for (default 1000).")
    long retryAfterMs;

    @Option(
            names = "--max-per-second",
            defaultValue = "0",
            description =
                    "Answer 429 beyond this many requests in one second (default 0: no limit).")
    int maxPerSecond;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the random draws.")
    long seed;

    @Option(
            names = "--api-key-env",
            paramLabel = "NAME",
            description = "Require the key in this environment variable as a bearer token.")
    String apiKeyEnv;

    @Option(
            names = "--transcripts",
            paramLabel = "FILE",
            description =
                    "Text for the transcriptions: lines VIDEO<TAB>START_S<TAB>END_S<TAB>TEXT"
                            + " (written by the test or demo that made the audio). Without it a"
                            + " transcription's text is a marker naming the speech region.")
    java.nio.file.Path transcripts;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        String key = null;
        if (apiKeyEnv != null) {
            key = System.getenv(apiKeyEnv);
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException(
                        "--api-key-env: the environment variable " + apiKeyEnv + " is not set");
            }
        }
        LlmSimulator.Options options =
                new LlmSimulator.Options(
                        port,
                        latencyMs,
                        p429,
                        p500,
                        pTimeout,
                        pBadJson,
                        pFencedJson,
                        retryAfterMs,
                        seed,
                        key,
                        maxPerSecond);
        CountDownLatch stopped = new CountDownLatch(1);
        try (LlmSimulator sim = LlmSimulator.start(options)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            if (transcripts != null) {
                sim.transcripts(io.framewise.llmsim.Transcripts.read(transcripts));
            }
            w.printf("LLM simulator at %s (model %s)%n", sim.baseUrl(), LlmSimulator.MODEL);
            w.printf(
                    "latency %d ms median, 429 %.0f%%, 500 %.0f%%, no answer %.0f%%, bad JSON"
                            + " %.0f%%, fenced JSON %.0f%%%s%n",
                    latencyMs,
                    p429 * 100,
                    p500 * 100,
                    pTimeout * 100,
                    pBadJson * 100,
                    pFencedJson * 100,
                    key == null ? "" : ", API key required");
            w.printf(
                    "transcriptions: %s; it recognises no speech, its answers' model says so (%s)%n",
                    transcripts == null
                            ? "speech regions named by their times"
                            : "the text of " + transcripts,
                    LlmSimulator.SPEECH_MODEL);
            w.printf("try: framewise index VIDEO --llm %s%n", sim.baseUrl());
            w.printf("     framewise index VIDEO --transcribe %s%n", sim.baseUrl());
            w.flush();
            LlmSimulator.Stats last = null;
            while (!stopped.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                LlmSimulator.Stats s = sim.stats();
                if (!s.equals(last)) {
                    w.printf(
                            "requests %d: ok %d, 429 %d, 500 %d, unanswered %d, bad JSON %d,"
                                    + " fenced %d, 401 %d, 400 %d; pictures %d, transcriptions"
                                    + " %d (%.1f audio minutes)%n",
                            s.requests(),
                            s.ok(),
                            s.rateLimited(),
                            s.serverErrors(),
                            s.unanswered(),
                            s.badJson(),
                            s.fencedJson(),
                            s.unauthorized(),
                            s.badRequests(),
                            s.pictures(),
                            s.transcriptions(),
                            s.audioMs() / 60_000.0);
                    w.flush();
                    last = s;
                }
            }
        }
        return 0;
    }
}
