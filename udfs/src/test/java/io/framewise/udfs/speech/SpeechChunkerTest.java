package io.framewise.udfs.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framewise.pipeline.speech.AudioChunk;
import io.framewise.pipeline.speech.SpeechConfig;
import io.framewise.pipeline.speech.SpeechRegion;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Voice activity and chunking on synthetic audio with exactly known loud and quiet stretches: noise
 * bursts (speech-like: broadband) and pure tones.
 */
class SpeechChunkerTest {

    static final int RATE = 16_000;

    /** Audio of {@code ms} milliseconds, silent. */
    static short[] silence(long ms) {
        return new short[(int) (ms * RATE / 1000)];
    }

    /** Broadband noise at about -20 dBFS from {@code fromMs} to {@code toMs}. */
    static void noise(short[] audio, long fromMs, long toMs, long seed) {
        Random r = new Random(seed);
        for (int i = (int) (fromMs * RATE / 1000); i < toMs * RATE / 1000; i++) {
            audio[i] = (short) (r.nextGaussian() * 3300);
        }
    }

    static void tone(short[] audio, long fromMs, long toMs, double hz) {
        for (int i = (int) (fromMs * RATE / 1000); i < toMs * RATE / 1000; i++) {
            audio[i] = (short) (10_000 * Math.sin(2 * Math.PI * hz * i / RATE));
        }
    }

    static SpeechConfig config(String... settings) {
        Properties p = new Properties();
        for (int i = 0; i < settings.length; i += 2) {
            p.setProperty(settings[i], settings[i + 1]);
        }
        return SpeechConfig.from(p);
    }

    static List<AudioChunk> chunk(SpeechConfig config, short[] audio, List<SpeechRegion> regions) {
        List<AudioChunk> chunks = new ArrayList<>();
        SpeechChunker c = new SpeechChunker(config, "v", 0, chunks::add);
        // Fed in uneven blocks, as a decoder hands them over.
        int[] sizes = {1024, 333, 4096, 160, 2000};
        int at = 0;
        for (int k = 0; at < audio.length; k++) {
            int n = Math.min(sizes[k % sizes.length], audio.length - at);
            c.accept(audio, at, n);
            at += n;
        }
        c.finish();
        regions.addAll(c.regions());
        assertEquals(chunks.size(), c.chunks());
        return chunks;
    }

    @Test
    void regionsCloseTogetherShareAChunkAndFarApartDoNot() {
        short[] audio = silence(20_000);
        noise(audio, 1_000, 2_500, 1);
        noise(audio, 3_500, 4_000, 2); // 1 s after: same chunk
        noise(audio, 9_000, 11_000, 3); // 5 s after: a chunk of its own
        List<SpeechRegion> regions = new ArrayList<>();
        List<AudioChunk> chunks = chunk(SpeechConfig.defaults(), audio, regions);
        assertEquals(3, regions.size(), regions.toString());
        long[][] truth = {{1_000, 2_500}, {3_500, 4_000}, {9_000, 11_000}};
        for (int i = 0; i < truth.length; i++) {
            assertEquals(truth[i][0], regions.get(i).startMs(), 20, regions.toString());
            assertEquals(truth[i][1], regions.get(i).endMs(), 20, regions.toString());
        }
        assertEquals(2, chunks.size(), chunks.toString());
        assertEquals(2, chunks.get(0).regions().size());
        // Padded by 200 ms on both sides.
        assertEquals(800, chunks.get(0).startMs(), 20);
        assertEquals(4_200, chunks.get(0).endMs(), 20);
        assertEquals(8_800, chunks.get(1).startMs(), 20);
        assertEquals(11_200, chunks.get(1).endMs(), 20);
        // The chunk's audio is the video's audio at the chunk's place.
        short[] sent = Wav.decode(chunks.get(1).audio());
        int offset = (int) (chunks.get(1).startMs() * RATE / 1000);
        for (int i = 0; i < sent.length; i++) {
            assertEquals(audio[offset + i], sent[i]);
        }
    }

    @Test
    void silenceAndPureTonesAreNeverSent() {
        short[] audio = silence(12_000);
        tone(audio, 1_000, 4_000, 1_000);
        SpeechChunkerTest.sweep(audio, 5_000, 9_000);
        List<SpeechRegion> regions = new ArrayList<>();
        assertTrue(chunk(SpeechConfig.defaults(), audio, regions).isEmpty(), regions.toString());
        assertTrue(regions.isEmpty());
    }

    static void sweep(short[] audio, long fromMs, long toMs) {
        int from = (int) (fromMs * RATE / 1000);
        int to = (int) (toMs * RATE / 1000);
        double phase = 0;
        for (int i = from; i < to; i++) {
            phase += 2 * Math.PI * (200 + 3000.0 * (i - from) / (to - from)) / RATE;
            audio[i] = (short) (12_000 * Math.sin(phase));
        }
    }

    @Test
    void aClickIsNoSpeech() {
        short[] audio = silence(5_000);
        noise(audio, 2_000, 2_060, 4);
        List<SpeechRegion> regions = new ArrayList<>();
        assertTrue(chunk(SpeechConfig.defaults(), audio, regions).isEmpty());
    }

    @Test
    void longSpeechIsCutAtItsPausesWithinTheLimit() {
        // 35 s of speech with a 60 ms pause every 700 ms.
        short[] audio = silence(37_000);
        List<Long> pauses = new ArrayList<>();
        for (long t = 1_000; t < 36_000; t += 700) {
            noise(audio, t, Math.min(36_000, t + 640), t);
            pauses.add(t + 640);
        }
        List<SpeechRegion> regions = new ArrayList<>();
        List<AudioChunk> chunks =
                chunk(config("speech.chunk.max-duration", "PT10S"), audio, regions);
        assertTrue(chunks.size() >= 4, chunks.toString());
        for (int i = 0; i < chunks.size(); i++) {
            AudioChunk c = chunks.get(i);
            assertTrue(c.durationMs() <= 10_000, c.toString());
            if (i > 0) {
                // Contiguous: nothing lost, nothing sent twice.
                assertEquals(chunks.get(i - 1).endMs(), c.startMs());
                // Cut within a pause, not mid-word.
                long cut = c.startMs();
                assertTrue(
                        pauses.stream().anyMatch(p -> cut >= p && cut <= p + 60),
                        "cut at " + cut + " ms is not in a pause");
            }
        }
        assertEquals(1_000, chunks.get(0).regions().get(0).startMs(), 20);
        long lastEnd = 1_000 + 700 * (pauses.size() - 1) + 640;
        assertEquals(lastEnd, chunks.get(chunks.size() - 1).regions().get(0).endMs(), 20);
    }

    @Test
    void theByteLimitBindsLikeTheDurationLimit() {
        short[] audio = silence(25_000);
        noise(audio, 500, 24_500, 9);
        SpeechConfig config = config("speech.chunk.max-bytes", "400000");
        List<AudioChunk> chunks = chunk(config, audio, new ArrayList<>());
        assertTrue(chunks.size() >= 2);
        for (AudioChunk c : chunks) {
            assertTrue(c.audio().length <= 400_000, c.toString());
        }
    }

    @Test
    void anHourTakesNoMoreMemoryThanAMinute() {
        SpeechConfig config = SpeechConfig.defaults();
        List<Integer> sizes = new ArrayList<>();
        int[] count = new int[1];
        SpeechChunker c = new SpeechChunker(config, "v", 0, chunk -> count[0]++);
        short[] block = silence(15_000);
        noise(block, 0, 5_000, 11);
        for (int i = 0; i < 240; i++) { // an hour: 5 s of speech every 15 s
            c.accept(block, 0, block.length);
            if (i == 4 || i == 239) {
                sizes.add(c.bufferSize());
            }
        }
        c.finish();
        assertEquals(240, count[0]);
        assertEquals(sizes.get(0), sizes.get(1), "the buffer grew over the hour");
    }
}
