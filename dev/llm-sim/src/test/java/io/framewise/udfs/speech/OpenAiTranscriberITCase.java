package io.framewise.udfs.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.framewise.llmsim.LlmSimulator;
import io.framewise.llmsim.LlmSimulator.Options;
import io.framewise.llmsim.Transcripts;
import io.framewise.pipeline.speech.AudioChunk;
import io.framewise.pipeline.speech.SpeechConfig;
import io.framewise.pipeline.speech.SpokenSegment;
import io.framewise.pipeline.speech.Transcription;
import io.framewise.testkit.samples.SpeakingVideo;
import io.framewise.testkit.samples.SpeakingVideo.Line;
import io.framewise.testkit.samples.SpeakingVideo.Spec;
import io.framewise.testkit.samples.SpeakingVideo.Spoken;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transcription client against the project's simulator, over real HTTP. */
class OpenAiTranscriberITCase {

    @TempDir Path dir;

    static SpeechConfig config(LlmSimulator sim, String... settings) {
        Properties p = new Properties();
        p.setProperty("speech.url", sim.baseUrl().toString());
        p.setProperty("speech.retry.initial-backoff", "PT0.05S");
        p.setProperty("speech.retry.max-backoff", "PT0.2S");
        p.setProperty("speech.timeout", "PT1S");
        p.setProperty("speech.deadline", "PT20S");
        for (String s : settings) {
            String[] kv = s.split("=", 2);
            p.setProperty(kv[0], kv[1]);
        }
        return SpeechConfig.from(p);
    }

    /** A chunk of synthetic speech: noise bursts at known times. */
    static AudioChunk chunk(String video, int index, long startMs) {
        short[] audio = SpeechChunkerTest.silence(6_000);
        SpeechChunkerTest.noise(audio, 500, 2_000, index);
        SpeechChunkerTest.noise(audio, 3_000, 5_500, index + 1000);
        List<AudioChunk> chunks = new ArrayList<>();
        SpeechChunker c = new SpeechChunker(SpeechConfig.defaults(), video, startMs, chunks::add);
        c.accept(audio, 0, audio.length);
        c.finish();
        assertThat(chunks).hasSize(1);
        return chunks.get(0);
    }

    static List<Transcription> all(OpenAiTranscriber t, List<AudioChunk> chunks) {
        List<CompletableFuture<Transcription>> calls = new ArrayList<>();
        chunks.forEach(c -> calls.add(t.transcribe(c)));
        return calls.stream().map(CompletableFuture::join).toList();
    }

    @Test
    void segmentsComeBackWithTheirRealTimesAndAnHonestModelName() throws Exception {
        try (LlmSimulator sim = LlmSimulator.start(Options.wellBehaved(20));
                OpenAiTranscriber t = new OpenAiTranscriber(config(sim), 1, n -> null)) {
            AudioChunk c = chunk("talk.mp4", 1, 40_000);
            Transcription tr = t.transcribe(c).join();
            assertThat(tr.status()).isEqualTo("ok");
            assertThat(tr.attempts()).isEqualTo(1);
            assertThat(tr.model()).isEqualTo(LlmSimulator.SPEECH_MODEL).contains("no speech");
            assertThat(tr.language()).isEqualTo("en");
            assertThat(tr.segments()).hasSize(2);
            SpokenSegment first = tr.segments().get(0);
            // Chunk-relative: the chunk starts 200 ms (padding) before the first burst at 500 ms.
            assertThat(first.startMs()).isBetween(180L, 220L);
            assertThat(first.endMs()).isBetween(1_680L, 1_720L);
            // The marker names the region on the video's timeline.
            assertThat(first.text()).isEqualTo("speech 40.50–42.00 s");
            assertThat(first.confidence()).isBetween(0.7, 0.8);
            assertThat(sim.stats().transcriptions()).isEqualTo(1);
        }
    }

    @Test
    void plainJsonGivesOneSegmentOverTheChunksSpeech() throws Exception {
        try (LlmSimulator sim = LlmSimulator.start(Options.wellBehaved(20));
                OpenAiTranscriber t =
                        new OpenAiTranscriber(
                                config(sim, "speech.response-format=json"), 1, n -> null)) {
            AudioChunk c = chunk("talk.mp4", 1, 0);
            Transcription tr = t.transcribe(c).join();
            assertThat(tr.status()).isEqualTo("ok");
            assertThat(tr.segments()).hasSize(1);
            assertThat(tr.segments().get(0).startMs()).isBetween(180L, 220L);
            assertThat(tr.segments().get(0).endMs()).isBetween(5_180L, 5_220L);
            assertThat(tr.segments().get(0).text()).contains("speech 0.50–2.00 s");
            assertThat(tr.segments().get(0).confidence()).isNull();
        }
    }

    @Test
    void noChunkIsLostUnderRateLimitsServerErrorsAndTimeouts() throws Exception {
        Options faulty = Options.wellBehaved(30).withFaults(0.10, 0.05, 0.02).withRetryAfterMs(100);
        try (LlmSimulator sim = LlmSimulator.start(faulty);
                OpenAiTranscriber t =
                        new OpenAiTranscriber(
                                config(sim, "speech.retry.max-attempts=8"), 1, n -> null)) {
            List<AudioChunk> chunks = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                chunks.add(chunk("v" + i, i, 0));
            }
            List<Transcription> out = all(t, chunks);
            assertThat(out).allSatisfy(tr -> assertThat(tr.status()).isEqualTo("ok"));
            LlmSimulator.Stats s = sim.stats();
            assertThat(s.rateLimited() + s.serverErrors() + s.unanswered()).isPositive();
            assertThat(out.stream().mapToInt(Transcription::attempts).sum())
                    .isEqualTo((int) s.requests());
        }
    }

    @Test
    void aServerThatKeepsFailingIsReportedAndTheBreakerOpens() throws Exception {
        try (LlmSimulator sim = LlmSimulator.start(Options.wellBehaved(5).withFaults(0, 1, 0));
                OpenAiTranscriber t =
                        new OpenAiTranscriber(
                                config(
                                        sim,
                                        "speech.retry.max-attempts=3",
                                        "speech.circuit.failures=3",
                                        "speech.circuit.open-for=PT30S",
                                        "speech.deadline=PT3S",
                                        "speech.async.timeout=PT4S"),
                                1,
                                n -> null)) {
            Transcription first = t.transcribe(chunk("v", 1, 0)).join();
            assertThat(first.status()).isEqualTo(Transcription.HTTP_5XX);
            assertThat(first.attempts()).isEqualTo(3);
            assertThat(first.message()).contains("HTTP 500");
            assertThat(t.circuit().name()).isEqualTo("OPEN");
            long before = sim.stats().requests();
            Transcription second = t.transcribe(chunk("v", 2, 0)).join();
            assertThat(second.status()).isEqualTo(Transcription.CIRCUIT_OPEN);
            assertThat(sim.stats().requests()).isEqualTo(before);
        }
    }

    @Test
    void theApiKeyIsSentButNeverShown() throws Exception {
        String secret = "sk-test-" + "9f8e7d6c5b4a";
        Path keyFile = dir.resolve("key");
        Files.writeString(keyFile, secret + "\n");
        try (LlmSimulator sim = LlmSimulator.start(Options.wellBehaved(5).withApiKey(secret))) {
            SpeechConfig withKey = config(sim, "speech.api-key-file=" + keyFile);
            try (OpenAiTranscriber t = new OpenAiTranscriber(withKey, 1, n -> null)) {
                assertThat(t.transcribe(chunk("v", 1, 0)).join().status()).isEqualTo("ok");
            }
            try (OpenAiTranscriber t = new OpenAiTranscriber(config(sim), 1, n -> "wrong")) {
                Transcription tr = t.transcribe(chunk("v", 1, 0)).join();
                assertThat(tr.status()).isEqualTo(Transcription.HTTP_4XX);
                assertThat(tr.attempts()).isEqualTo(1);
                assertThat(tr.message()).contains("authentication failed").doesNotContain(secret);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(OpenAiTranscriber.factory(withKey));
            }
            assertThat(bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain(secret);
            assertThat(withKey.toString()).doesNotContain(secret);
            assertThat(OpenAiTranscriber.apiKeySource(withKey)).doesNotContain(secret);
        }
    }

    @Test
    void withATranscriptFileEachSentenceComesBackAtItsMoment() throws Exception {
        assumeTrue(SpeakingVideo.available(), "espeak-ng is not installed");
        Path video = dir.resolve("lecture.mp4");
        List<Spoken> spoken =
                SpeakingVideo.write(
                        new Spec(
                                16_000,
                                List.of(6_000L),
                                List.of(
                                        new Line(1_000, "Welcome to the course on databases."),
                                        new Line(8_000, "Indexes make lookups fast.")),
                                List.of(),
                                true),
                        video);
        List<Transcripts.Line> lines = new ArrayList<>();
        spoken.forEach(
                s ->
                        lines.add(
                                new Transcripts.Line(
                                        "lecture.mp4", s.startMs(), s.endMs(), s.text())));
        Path file = dir.resolve("transcripts.tsv");
        Transcripts.write(file, lines);
        List<AudioChunk> chunks = new ArrayList<>();
        new FfmpegSpeechExtractor(SpeechConfig.defaults())
                .extract("lecture.mp4", video, chunks::add);
        try (LlmSimulator sim = LlmSimulator.start(Options.wellBehaved(10));
                OpenAiTranscriber t = new OpenAiTranscriber(config(sim), 1, n -> null)) {
            sim.transcripts(Transcripts.read(file));
            List<SpokenSegment> placed = new ArrayList<>();
            List<Transcription> out = all(t, chunks);
            for (int i = 0; i < chunks.size(); i++) {
                for (SpokenSegment s : out.get(i).segments()) {
                    placed.add(s.shifted(chunks.get(i).startMs()));
                }
            }
            assertThat(placed).hasSize(spoken.size());
            for (int i = 0; i < spoken.size(); i++) {
                assertThat(placed.get(i).text()).isEqualTo(spoken.get(i).text());
                assertThat(placed.get(i).startMs())
                        .isBetween(spoken.get(i).startMs() - 150, spoken.get(i).startMs() + 150);
                assertThat(placed.get(i).endMs())
                        .isBetween(spoken.get(i).endMs() - 150, spoken.get(i).endMs() + 150);
            }
        }
    }
}
