package io.framewise.udfs.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.llmsim.LlmSimulator;
import io.framewise.llmsim.LlmSimulator.Options;
import io.framewise.pipeline.enrich.Enrichment;
import io.framewise.pipeline.enrich.FrameDescriber;
import io.framewise.pipeline.enrich.FrameToDescribe;
import io.framewise.pipeline.enrich.LlmConfig;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LLM client against the project's simulator, over real HTTP on the loopback interface. */
class OpenAiFrameDescriberITCase {

    @TempDir Path dir;

    private static LlmConfig config(LlmSimulator sim, String... settings) {
        Properties p = new Properties();
        p.setProperty("llm.url", sim.baseUrl().toString());
        p.setProperty("llm.retry.initial-backoff", "PT0.05S");
        p.setProperty("llm.retry.max-backoff", "PT0.2S");
        p.setProperty("llm.deadline", "PT20S");
        for (String s : settings) {
            String[] kv = s.split("=", 2);
            p.setProperty(kv[0], kv[1]);
        }
        return LlmConfig.from(p);
    }

    private static OpenAiFrameDescriber describer(LlmConfig config) {
        return new OpenAiFrameDescriber(config, 1, name -> null);
    }

    private static List<Enrichment> describeAll(FrameDescriber d, List<FrameToDescribe> frames) {
        List<CompletableFuture<Enrichment>> calls = new ArrayList<>();
        frames.forEach(f -> calls.add(d.describe(f)));
        return calls.stream().map(CompletableFuture::join).toList();
    }

    @Test
    void describesWhatThePictureShowsWithHonestTokens() throws Exception {
        try (LlmSimulator sim = LlmSimulator.start(Options.wellBehaved(20));
                OpenAiFrameDescriber d = describer(config(sim))) {
            byte[] slide = TestFrames.jpeg(new Color(200, 30, 30), "Quarterly results 2026");
            Enrichment e =
                    d.describe(new FrameToDescribe("v", 0, 12, slide, "Quarterly results 2026"))
                            .join();
            assertThat(e.status()).isEqualTo("ok");
            assertThat(e.description().description()).contains("red").contains("text");
            assertThat(e.description().tags()).contains("red", "text");
            assertThat(e.description().visibleTextSummary()).isEqualTo("Quarterly results 2026");
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.cached()).isFalse();
            assertThat(e.model()).isEqualTo("framewise-sim");
            assertThat(e.promptVersion()).isEqualTo(DescribePrompt.VERSION);
            // Low detail: 85 for the picture plus the prompt's text at ~4 characters a token.
            assertThat(e.inputTokens()).isBetween(85 + 200, 85 + 600);
            assertThat(e.outputTokens()).isPositive();

            Enrichment blue = d.describe(TestFrames.frame(13, new Color(20, 40, 220))).join();
            assertThat(blue.description().description()).contains("blue").contains("no text");
        }
    }

    @Test
    void retriesRateLimitsAfterTheRetryAfterTheProviderAsksFor() throws Exception {
        Options always429 = Options.wellBehaved(5).withFaults(1, 0, 0).withRetryAfterMs(300);
        try (LlmSimulator sim = LlmSimulator.start(always429);
                OpenAiFrameDescriber d = describer(config(sim, "llm.retry.max-attempts=3"))) {
            Enrichment e = d.describe(TestFrames.frame(1, Color.GREEN)).join();
            assertThat(e.status()).isEqualTo(Enrichment.RATE_LIMITED);
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.message()).contains("HTTP 429").contains("3 attempts");
            // Two waits of Retry-After (300 ms), not the 50-200 ms back-off.
            assertThat(e.latencyMs()).isGreaterThanOrEqualTo(600);
            assertThat(sim.stats().rateLimited()).isEqualTo(3);
        }
        Options often429 = Options.wellBehaved(5).withFaults(0.5, 0, 0).withRetryAfterMs(50);
        try (LlmSimulator sim = LlmSimulator.start(often429);
                OpenAiFrameDescriber d = describer(config(sim, "llm.retry.max-attempts=10"))) {
            List<FrameToDescribe> frames = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                frames.add(TestFrames.frame(i, Color.ORANGE));
            }
            List<Enrichment> all = describeAll(d, frames);
            assertThat(all).allSatisfy(e -> assertThat(e.ok()).isTrue());
            int attempts = all.stream().mapToInt(Enrichment::attempts).sum();
            // Every request the simulator saw is an attempt of one of the frames: none lost.
            assertThat(attempts).isEqualTo((int) sim.stats().requests());
            assertThat(attempts).isGreaterThan(20);
        }
    }

    @Test
    void serverErrorsAndTimeoutsAreRetriedThenReported() throws Exception {
        try (LlmSimulator sim = LlmSimulator.start(Options.wellBehaved(5).withFaults(0, 1, 0));
                OpenAiFrameDescriber d =
                        describer(
                                config(
                                        sim,
                                        "llm.retry.max-attempts=3",
                                        "llm.circuit.failures=100"))) {
            Enrichment e = d.describe(TestFrames.frame(1, Color.GREEN)).join();
            assertThat(e.status()).isEqualTo(Enrichment.HTTP_5XX);
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.message()).contains("HTTP 500");
        }
        try (LlmSimulator sim = LlmSimulator.start(Options.wellBehaved(5).withFaults(0, 0, 1));
                OpenAiFrameDescriber d =
                        describer(
                                config(
                                        sim,
                                        "llm.timeout=PT0.3S",
                                        "llm.retry.max-attempts=2",
                                        "llm.circuit.failures=100"))) {
            Enrichment e = d.describe(TestFrames.frame(1, Color.GREEN)).join();
            assertThat(e.status()).isEqualTo(Enrichment.TIMEOUT);
            assertThat(e.attempts()).isEqualTo(2);
            assertThat(e.latencyMs()).isGreaterThanOrEqualTo(600);
        }
    }

    @Test
    void circuitBreakerPausesCallsWhileTheProviderIsDown() throws Exception {
        try (LlmSimulator sim = LlmSimulator.start(Options.wellBehaved(5).withFaults(0, 1, 0));
                OpenAiFrameDescriber d =
                        describer(
                                config(
                                        sim,
                                        "llm.circuit.failures=2",
                                        "llm.circuit.open-for=PT0.6S",
                                        "llm.retry.max-attempts=5"))) {
            CompletableFuture<Enrichment> call = d.describe(TestFrames.frame(1, Color.GREEN));
            // Two failures open the breaker; then the provider recovers while calls pause.
            long until = System.nanoTime() + 5_000_000_000L;
            while (d.circuit() != CircuitBreaker.State.OPEN && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertThat(d.circuit()).isEqualTo(CircuitBreaker.State.OPEN);
            long seenWhileOpen = sim.stats().requests();
            sim.faults(0, 0, 0);
            Thread.sleep(300);
            // Paused: no request reached the provider while the breaker was open.
            assertThat(sim.stats().requests()).isEqualTo(seenWhileOpen);
            Enrichment e = call.join();
            assertThat(e.ok()).isTrue();
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(d.circuit()).isEqualTo(CircuitBreaker.State.CLOSED);
        }
        try (LlmSimulator sim = LlmSimulator.start(Options.wellBehaved(5).withFaults(0, 1, 0));
                OpenAiFrameDescriber d =
                        describer(
                                config(
                                        sim,
                                        "llm.circuit.failures=2",
                                        "llm.circuit.open-for=PT30S",
                                        "llm.deadline=PT3S"))) {
            Enrichment first = d.describe(TestFrames.frame(1, Color.GREEN)).join();
            assertThat(first.status()).isEqualTo(Enrichment.CIRCUIT_OPEN);
            assertThat(first.attempts()).isEqualTo(2);
            Enrichment second = d.describe(TestFrames.frame(2, Color.GREEN)).join();
            // Refused at once: the breaker would stay open past its deadline; nothing was sent.
            assertThat(second.status()).isEqualTo(Enrichment.CIRCUIT_OPEN);
            assertThat(second.attempts()).isZero();
            assertThat(sim.stats().requests()).isEqualTo(2);
        }
    }

    @Test
    void clientSideRateLimitKeepsUnderTheProvidersLimit() throws Exception {
        List<FrameToDescribe> frames = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            frames.add(TestFrames.frame(i, Color.CYAN));
        }
        Options limited = Options.wellBehaved(5).withMaxPerSecond(10).withRetryAfterMs(100);
        try (LlmSimulator sim = LlmSimulator.start(limited);
                OpenAiFrameDescriber d =
                        describer(config(sim, "llm.rate.requests-per-minute=240"))) {
            assertThat(describeAll(d, frames)).allSatisfy(e -> assertThat(e.ok()).isTrue());
            assertThat(sim.stats().rateLimited()).isZero();
        }
        // Without the client's limit, the same burst runs into the provider's.
        try (LlmSimulator sim = LlmSimulator.start(limited);
                OpenAiFrameDescriber d = describer(config(sim))) {
            describeAll(d, frames);
            assertThat(sim.stats().rateLimited()).isPositive();
        }
    }

    @Test
    void repairableJsonIsRepairedAndGarbageIsRejected() throws Exception {
        try (LlmSimulator sim = LlmSimulator.start(Options.wellBehaved(5).withJsonFaults(0, 1));
                OpenAiFrameDescriber d = describer(config(sim))) {
            Enrichment e = d.describe(TestFrames.frame(1, Color.MAGENTA)).join();
            assertThat(e.ok()).isTrue();
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(sim.stats().fencedJson()).isEqualTo(1);
        }
        try (LlmSimulator sim = LlmSimulator.start(Options.wellBehaved(5).withJsonFaults(1, 0));
                OpenAiFrameDescriber d = describer(config(sim, "llm.retry.max-attempts=2"))) {
            Enrichment e = d.describe(TestFrames.frame(1, Color.MAGENTA)).join();
            assertThat(e.status()).isEqualTo(Enrichment.BAD_JSON);
            assertThat(e.description()).isNull();
            assertThat(e.attempts()).isEqualTo(2);
            // The tokens of the unusable answers were still spent.
            assertThat(e.inputTokens()).isPositive();
        }
    }

    @Test
    void batchesKeyframesOfOneShotIntoOneRequest() throws Exception {
        try (LlmSimulator sim = LlmSimulator.start(Options.wellBehaved(5));
                OpenAiFrameDescriber d =
                        describer(
                                config(sim, "llm.batch.max-frames=3", "llm.batch.linger=PT0.5S"))) {
            List<Enrichment> all =
                    describeAll(
                            d,
                            List.of(
                                    TestFrames.frame(1, new Color(210, 20, 20)),
                                    TestFrames.frame(2, new Color(20, 200, 20)),
                                    TestFrames.frame(3, new Color(20, 20, 210))));
            assertThat(sim.stats().requests()).isEqualTo(1);
            assertThat(sim.stats().pictures()).isEqualTo(3);
            // Each frame gets its own part of the answer, in order.
            assertThat(all.get(0).description().tags()).contains("red");
            assertThat(all.get(1).description().tags()).contains("green");
            assertThat(all.get(2).description().tags()).contains("blue");
            assertThat(all).allSatisfy(e -> assertThat(e.attempts()).isEqualTo(1));
            // One frame alone goes when the linger time is up.
            Enrichment alone = d.describe(TestFrames.frame(9, Color.GRAY)).join();
            assertThat(alone.ok()).isTrue();
            assertThat(sim.stats().requests()).isEqualTo(2);
        }
    }

    @Test
    void manyCallsInFlightTakeNoThreadEach() throws Exception {
        try (LlmSimulator sim = LlmSimulator.start(Options.wellBehaved(1500));
                OpenAiFrameDescriber d = describer(config(sim))) {
            d.describe(TestFrames.frame(0, Color.PINK)).join(); // connections and threads warm
            int before = Thread.activeCount();
            List<CompletableFuture<Enrichment>> calls = new ArrayList<>();
            byte[] jpeg = TestFrames.jpeg(Color.PINK, null);
            for (int i = 1; i <= 200; i++) {
                calls.add(d.describe(new FrameToDescribe("v", 0, i, jpeg, null)));
            }
            Thread.sleep(100);
            int during = Thread.activeCount();
            long inFlight = calls.stream().filter(c -> !c.isDone()).count();
            // Answers take at least 300 ms, so most are still in flight; the simulator's and the
            // client's pools are fixed and small, so they took no thread each.
            assertThat(inFlight).isGreaterThan(150);
            assertThat(during - before).isLessThan(20);
            assertThat(calls.stream().map(CompletableFuture::join))
                    .allSatisfy(e -> assertThat(e.ok()).isTrue());
        }
    }

    @Test
    void theApiKeyIsSentButNeverShown() throws Exception {
        String secret = "sk-test-" + "SECRET" + "-4f9a2c";
        Path keyFile = Files.writeString(dir.resolve("key"), secret + "\n");
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        List<String> shown = new ArrayList<>();
        try (LlmSimulator sim = LlmSimulator.start(Options.wellBehaved(5).withApiKey(secret))) {
            System.setOut(capture);
            System.setErr(capture);
            LlmConfig good = config(sim, "llm.api-key-file=" + keyFile, "llm.header.X-Team=video");
            FrameDescriber.Factory factory = OpenAiFrameDescriber.factory(good);
            try (FrameDescriber d = factory.create(1)) {
                Enrichment e = d.describe(TestFrames.frame(1, Color.BLUE)).join();
                assertThat(e.ok()).isTrue();
                shown.add(d.toString());
            }
            shown.add(factory.toString());
            shown.add(good.toString());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
                o.writeObject(factory);
            }
            // The job ships the factory to its workers: the key is not in it.
            shown.add(new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1));

            // A wrong key (from the environment) fails cleanly, and the message quotes nothing.
            LlmConfig wrong = config(sim, "llm.api-key-env=FRAMEWISE_TEST_KEY");
            try (OpenAiFrameDescriber d =
                    new OpenAiFrameDescriber(
                            wrong, 1, Map.of("FRAMEWISE_TEST_KEY", secret + "x")::get)) {
                Enrichment e = d.describe(TestFrames.frame(2, Color.BLUE)).join();
                assertThat(e.status()).isEqualTo(Enrichment.HTTP_4XX);
                assertThat(e.message()).contains("401").contains("authentication failed");
                shown.add(e.message());
                shown.add(e.toString());
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        shown.add(captured.toString(StandardCharsets.UTF_8));
        assertThat(shown).noneMatch(s -> s.contains(secret));
        assertThat(String.join("\n", shown)).doesNotContain("SECRET");
    }
}
