package io.framewise.udfs.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.speech.AudioChunk;
import io.framewise.pipeline.speech.SpeechAudio;
import io.framewise.pipeline.speech.SpeechConfig;
import io.framewise.pipeline.speech.SpeechRegion;
import io.framewise.testkit.samples.SpeakingVideo;
import io.framewise.testkit.samples.SpeakingVideo.Line;
import io.framewise.testkit.samples.SpeakingVideo.Spec;
import io.framewise.testkit.samples.SpeakingVideo.Spoken;
import io.framewise.testkit.samples.SpeakingVideo.Sweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speech extractor on videos with real speech (espeak-ng): regions against the known times of
 * each sentence, tones and silence never sent, a video without audio, a corrupt audio stream.
 */
class FfmpegSpeechExtractorITCase {

    static final long TOLERANCE_MS = 150;

    @TempDir static Path dir;

    static Path talk;
    static List<Spoken> spoken;

    @BeforeAll
    static void writeVideos() throws Exception {
        assumeTrue(SpeakingVideo.available(), "espeak-ng is not installed: no speech to test with");
        talk = dir.resolve("talk.mp4");
        spoken =
                SpeakingVideo.write(
                        new Spec(
                                30_000,
                                List.of(8_000L, 17_000L),
                                List.of(
                                        new Line(1_000, "The quarterly budget review starts now."),
                                        new Line(
                                                6_500,
                                                "Please remember that the library closes at nine"
                                                        + " tonight."),
                                        new Line(
                                                21_000,
                                                "Framewise finds the moment a phrase was spoken.")),
                                List.of(new Sweep(12_500, 16_000, 300, 3000)),
                                true),
                        talk);
    }

    @Test
    void findsEachSentenceAtItsTime() throws Exception {
        List<AudioChunk> chunks = new ArrayList<>();
        SpeechAudio audio =
                new FfmpegSpeechExtractor(SpeechConfig.defaults())
                        .extract("talk.mp4", talk, chunks::add);
        assertTrue(audio.hasAudio());
        assertEquals(30_000, audio.audioMs(), 200);
        assertEquals(
                spoken.size(),
                audio.regions().size(),
                "regions " + audio.regions() + " vs " + spoken);
        for (int i = 0; i < spoken.size(); i++) {
            SpeechRegion r = audio.regions().get(i);
            Spoken s = spoken.get(i);
            assertEquals(s.startMs(), r.startMs(), TOLERANCE_MS, "start of " + s + ": " + r);
            assertEquals(s.endMs(), r.endMs(), TOLERANCE_MS, "end of " + s + ": " + r);
        }
        assertEquals(audio.chunks(), chunks.size());
        for (AudioChunk c : chunks) {
            // The tone and the long silences are never sent.
            assertFalse(c.startMs() < 16_000 && c.endMs() > 12_500, "a chunk holds the tone: " + c);
            short[] samples = Wav.decode(c.audio());
            assertEquals(16_000, Wav.sampleRate(c.audio()));
            assertEquals(c.durationMs(), samples.length / 16, 1);
            assertEquals(SpeechChunker.sha256(c.audio()), c.sha256());
            for (SpeechRegion r : c.regions()) {
                assertTrue(r.startMs() >= c.startMs() && r.endMs() <= c.endMs(), c + " " + r);
            }
        }
        long sent = chunks.stream().mapToLong(AudioChunk::durationMs).sum();
        assertTrue(sent < 15_000, "sent " + sent + " ms of 30 s");
    }

    @Test
    void aVideoWithoutAudioGivesNothing() throws Exception {
        Path silent = dir.resolve("mute.mp4");
        SpeakingVideo.write(new Spec(3_000, List.of(1_500L), List.of(), List.of(), false), silent);
        List<AudioChunk> chunks = new ArrayList<>();
        SpeechAudio audio =
                new FfmpegSpeechExtractor(SpeechConfig.defaults())
                        .extract("mute.mp4", silent, chunks::add);
        assertFalse(audio.hasAudio());
        assertTrue(chunks.isEmpty());
    }

    @Test
    void aCorruptAudioStreamIsAFailure() throws Exception {
        Path broken = dir.resolve("broken.mp4");
        byte[] bytes = Files.readAllBytes(talk);
        Random random = new Random(7);
        // Garbage over the middle of the media data: the audio cannot be decoded.
        for (int i = bytes.length / 5; i < bytes.length * 4 / 5; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        Files.write(broken, bytes);
        VideoException e =
                assertThrows(
                        VideoException.class,
                        () ->
                                new FfmpegSpeechExtractor(SpeechConfig.defaults())
                                        .extract("broken.mp4", broken, c -> {}));
        assertEquals(VideoException.Code.CORRUPT, e.code());
    }
}
