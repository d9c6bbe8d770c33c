package io.framewise.udfs.speech;

import io.framewise.pipeline.speech.AudioChunk;
import io.framewise.pipeline.speech.SpeechConfig;
import io.framewise.pipeline.speech.SpeechRegion;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns a stream of 16 kHz mono samples into chunks of speech to transcribe: finds the speech
 * regions ({@link VoiceActivity}), joins regions closer than {@code speech.chunk.max-gap} into one
 * contiguous chunk (with {@code speech.chunk.padding} around), and hands each chunk on,
 * WAV-encoded, as soon as no later region can join it.
 *
 * <p>A chunk never exceeds {@code speech.chunk.max-duration} or {@code speech.chunk.max-bytes}: the
 * next region starts a new chunk instead, and one region longer than that is cut at its quietest 10
 * ms within the last 30% before the limit (a pause between words where there is one). Only the
 * audio of the chunk being built is kept, plus about a second and a half while there is no speech,
 * so memory is flat whatever the audio's length. Not thread-safe.
 */
final class SpeechChunker {

    static final int RATE = 16_000;
    static final int FRAME = RATE / 100;
    private static final int SLICE = FRAME * 32;
    private static final double FULL_SCALE = 32768.0 * 32768.0;

    /** A frame is a pure tone when this much of its energy lies in one narrow band. */
    private static final double TONAL_PEAK_SHARE = 0.6;

    private final String videoId;
    private final long offsetMs;
    private final Consumer<AudioChunk> out;
    private final VoiceActivity vad;
    private final Tonality tonality = new Tonality();
    private final long pad;
    private final long maxGap;
    private final long maxSamples;

    private short[] buf = new short[RATE * 8];
    private float[] dbs = new float[buf.length / FRAME];

    /** Absolute index of buf[0]; always a whole number of frames. */
    private long bufStart;

    private long samples;
    private long framesDone;

    private boolean pending;
    private long chunkStart;
    private long chunkEnd;
    private final List<long[]> chunkRegions = new ArrayList<>();

    /** No chunk may start before this sample: what came before was sent. */
    private long sentUpTo;

    private final List<SpeechRegion> regions = new ArrayList<>();
    private int chunks;

    /**
     * @param offsetMs where the first sample lies on the video's timeline
     */
    SpeechChunker(SpeechConfig config, String videoId, long offsetMs, Consumer<AudioChunk> out) {
        this.videoId = videoId;
        this.offsetMs = offsetMs;
        this.out = out;
        this.pad = config.padding().toMillis() * RATE / 1000;
        this.maxGap = config.maxGap().toMillis() * RATE / 1000;
        this.maxSamples = config.chunkMaxMs() * RATE / 1000;
        this.vad =
                new VoiceActivity(
                        config.startDb(),
                        config.endDb(),
                        (int) Math.max(1, config.minSilence().toMillis() / 10),
                        (int) Math.max(1, config.minSpeech().toMillis() / 10),
                        config.maxTonalShare(),
                        this::region);
    }

    /** The next {@code n} samples. */
    void accept(short[] s, int from, int n) {
        // In slices, so that what is kept depends on the chunk being built, not on block sizes.
        for (int at = from; at < from + n; at += SLICE) {
            int k = Math.min(SLICE, from + n - at);
            ensure(samples + k);
            System.arraycopy(s, at, buf, (int) (samples - bufStart), k);
            samples += k;
            while ((framesDone + 1) * FRAME <= samples) {
                frame(framesDone++);
            }
        }
    }

    /** The end of the audio: the open region ends, the last chunk goes. */
    void finish() {
        vad.finish();
        if (pending) {
            flush();
        }
    }

    List<SpeechRegion> regions() {
        return regions;
    }

    int chunks() {
        return chunks;
    }

    long samples() {
        return samples;
    }

    /** Samples the buffer can hold (for the memory test). */
    int bufferSize() {
        return buf.length;
    }

    int rejectedRegions() {
        return vad.rejected();
    }

    private void frame(long f) {
        int at = (int) (f * FRAME - bufStart);
        double sum = 0;
        for (int i = at; i < at + FRAME; i++) {
            sum += (double) buf[i] * buf[i];
        }
        double db = sum <= 0 ? -120 : 10 * Math.log10(sum / FRAME / FULL_SCALE);
        dbs[(int) (f - bufStart / FRAME)] = (float) db;
        boolean tonal = false;
        int windowStart = at + FRAME - Tonality.SIZE;
        if (vad.loud(db) && windowStart >= 0) {
            tonal = tonality.peakShare(buf, windowStart) >= TONAL_PEAK_SHARE;
        }
        vad.frame(db, tonal);
        long now = (f + 1) * FRAME;
        if (pending && !vad.speaking() && now - chunkEnd > maxGap) {
            flush();
        }
        if (vad.speaking()) {
            cutLongSpeech(now);
        }
        trim(now);
    }

    /** A region from the voice activity, in frames. */
    private void region(long startFrame, long endFrame) {
        long s = Math.max(startFrame * FRAME, sentUpTo);
        long e = endFrame * FRAME;
        if (pending && (s - chunkEnd > maxGap || e + pad - chunkStart > maxSamples)) {
            flush();
        }
        if (!pending) {
            pending = true;
            chunkStart = Math.max(sentUpTo, Math.max(bufStart, s - pad));
        }
        chunkRegions.add(new long[] {s, e});
        regions.add(new SpeechRegion(ms(s), ms(e)));
        chunkEnd = e;
    }

    /** Speech going on for longer than a chunk may hold: send what there is, cut at a pause. */
    private void cutLongSpeech(long now) {
        long speechStart = Math.max(sentUpTo, vad.regionStart() * FRAME);
        long begin =
                pending ? chunkStart : Math.max(sentUpTo, Math.max(bufStart, speechStart - pad));
        if (now - begin < maxSamples) {
            return;
        }
        if (pending) {
            flush();
            begin = Math.max(sentUpTo, Math.max(bufStart, speechStart - pad));
            if (now - begin < maxSamples) {
                return;
            }
        }
        // The quietest frame in the last 30% before the limit.
        long limit = begin + maxSamples;
        long fromFrame = (begin + maxSamples * 7 / 10) / FRAME + 1;
        long toFrame = limit / FRAME - 1;
        long cut = toFrame;
        float quietest = Float.MAX_VALUE;
        for (long f = fromFrame; f <= toFrame; f++) {
            float db = dbs[(int) (f - bufStart / FRAME)];
            if (db < quietest) {
                quietest = db;
                cut = f;
            }
        }
        long cutSample = cut * FRAME;
        long regionStart = Math.max(begin, speechStart);
        chunkStart = begin;
        chunkRegions.add(new long[] {regionStart, cutSample});
        regions.add(new SpeechRegion(ms(regionStart), ms(cutSample)));
        chunkEnd = cutSample;
        emit(begin, cutSample);
        vad.restartAt(cut);
    }

    private void flush() {
        emit(chunkStart, Math.min(chunkEnd + pad, samples));
    }

    private void emit(long from, long to) {
        List<SpeechRegion> inChunk = new ArrayList<>(chunkRegions.size());
        for (long[] r : chunkRegions) {
            inChunk.add(new SpeechRegion(ms(r[0]), ms(r[1])));
        }
        byte[] wav = Wav.encode(buf, (int) (from - bufStart), (int) (to - from), RATE);
        out.accept(
                new AudioChunk(
                        videoId, chunks++, ms(from), ms(to), inChunk, wav, "wav", sha256(wav)));
        pending = false;
        chunkRegions.clear();
        sentUpTo = to;
    }

    private long ms(long sample) {
        return offsetMs + sample * 1000 / RATE;
    }

    /** Drops the audio no chunk can need any more. */
    private void trim(long now) {
        long keep;
        if (pending) {
            keep = chunkStart;
        } else if (vad.speaking()) {
            keep = Math.max(sentUpTo, vad.regionStart() * FRAME - pad);
        } else {
            keep = now - pad - (long) VoiceActivity.BACKTRACK * FRAME - Tonality.SIZE;
        }
        keep = Math.min(keep, now - Tonality.SIZE);
        keep = Math.max(bufStart, keep - Math.floorMod(keep, FRAME));
        int drop = (int) (keep - bufStart);
        if (drop > buf.length / 2) {
            System.arraycopy(buf, drop, buf, 0, (int) (samples - keep));
            System.arraycopy(dbs, drop / FRAME, dbs, 0, (int) (framesDone - keep / FRAME));
            bufStart = keep;
        }
    }

    private void ensure(long end) {
        long need = end - bufStart;
        if (need > buf.length) {
            int size = buf.length;
            while (size < need) {
                size *= 2;
            }
            short[] b = new short[size];
            System.arraycopy(buf, 0, b, 0, (int) (samples - bufStart));
            buf = b;
            float[] d = new float[size / FRAME + 1];
            System.arraycopy(dbs, 0, d, 0, dbs.length);
            dbs = d;
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
