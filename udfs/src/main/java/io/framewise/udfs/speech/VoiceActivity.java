package io.framewise.udfs.speech;

/**
 * Finds speech regions in a stream of 10 ms audio frames by their loudness, with hysteresis, and
 * leaves pure tones out.
 *
 * <p>A frame at least {@code startDb} loud starts a region; the region reaches back over the frames
 * just before it that are at least {@code endDb} loud (up to a second: a soft onset belongs to its
 * word), and goes on while frames are at least {@code endDb} loud, pauses shorter than {@code
 * minSilence} included. It ends at its last loud frame. Regions shorter than {@code minSpeech} are
 * dropped (clicks), and so are regions whose loud frames are mostly tonal (nearly all their energy
 * in one narrow band: a whistle, a sine sweep, a held synthesiser note), which speech, with its
 * many harmonics and noisy consonants, never is. Not thread-safe.
 */
final class VoiceActivity {

    /** Receives each region, in frames; {@code end} is the frame after its last. */
    interface Listener {
        void region(long start, long end);
    }

    /** Frames a region may reach back before the frame that started it. */
    static final int BACKTRACK = 100;

    private final double startDb;
    private final double endDb;
    private final int minSilence;
    private final int minSpeech;
    private final double maxTonalShare;
    private final Listener listener;
    private final double[] history = new double[BACKTRACK];
    private long frame;
    private boolean speaking;
    private long start;
    private long lastLoud;
    private int loud;
    private int tonal;
    private int rejected;

    VoiceActivity(
            double startDb,
            double endDb,
            int minSilenceFrames,
            int minSpeechFrames,
            double maxTonalShare,
            Listener listener) {
        this.startDb = startDb;
        this.endDb = endDb;
        this.minSilence = minSilenceFrames;
        this.minSpeech = minSpeechFrames;
        this.maxTonalShare = maxTonalShare;
        this.listener = listener;
    }

    /** Whether a frame this loud counts as sound within a region (and so is worth a tonality). */
    boolean loud(double db) {
        return db >= endDb;
    }

    /** The next frame's loudness in dBFS and whether it is a pure tone. */
    void frame(double db, boolean isTonal) {
        long f = frame++;
        if (!speaking) {
            if (db >= startDb) {
                long s = f;
                while (s > 0 && f - (s - 1) < BACKTRACK && history[slot(s - 1)] >= endDb) {
                    s--;
                }
                speaking = true;
                start = s;
                lastLoud = f;
                loud = 1;
                tonal = isTonal ? 1 : 0;
            }
        } else if (db >= endDb) {
            lastLoud = f;
            loud++;
            tonal += isTonal ? 1 : 0;
        } else if (f - lastLoud >= minSilence) {
            end();
        }
        history[slot(f)] = db;
    }

    /** The end of the audio: a region still open ends at its last loud frame. */
    void finish() {
        if (speaking) {
            end();
        }
    }

    /** Whether a region is open. */
    boolean speaking() {
        return speaking;
    }

    /** The first frame of the open region. */
    long regionStart() {
        return start;
    }

    /** Cuts the open region at {@code cut}: what comes before is handed on elsewhere. */
    void restartAt(long cut) {
        if (speaking && cut > start) {
            start = cut;
            if (lastLoud < cut) {
                lastLoud = cut;
            }
        }
    }

    /** Regions dropped as too short or tonal. */
    int rejected() {
        return rejected;
    }

    private void end() {
        speaking = false;
        long end = lastLoud + 1;
        if (end - start >= minSpeech && tonal <= maxTonalShare * loud) {
            listener.region(start, end);
        } else {
            rejected++;
        }
    }

    private static int slot(long frame) {
        return (int) (frame % BACKTRACK);
    }
}
