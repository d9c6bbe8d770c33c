package io.framewise.udfs.shots;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Computes each frame's {@link Features} from its signature and the signatures before it.
 *
 * <p>A frame's features depend only on its own signature and the {@link Features#LOOK_BACK}
 * signatures before it, so the same frame gets the same features whether a segment decoder or the
 * stitcher (fed the previous segment's tail) computes them. Not thread-safe.
 */
final class FeatureExtractor {

    /**
     * The last signatures, {@linkplain Signature#widen widened} once each for the comparisons. The
     * arrays are this extractor's own: a frame whose signature equals the one before shares its
     * array, so the frames sharing one stand next to each other, and an array leaves the ring for
     * {@link #spare} when the frame after its last one leaves too.
     */
    private final int[][] ring = new int[Features.LOOK_BACK + 1][];

    /** Arrays that left the ring, to widen the next signatures into. */
    private final ArrayDeque<int[]> spare = new ArrayDeque<>();

    private long seen;

    /** The last frame's signature and its widened form (the ring's newest entry). */
    private byte[] lastSig;

    private int[] lastWide;

    /**
     * Comparisons of the last frame's signature with earlier ones, by the earlier one's identity.
     * Still content gives runs of identical signatures (a third of the benchmark video's frames:
     * still pictures, and the frames between two equal ones that the decoder skipped): such a frame
     * shares the previous one's widened array, so its comparisons with the same earlier arrays are
     * looked up rather than computed again. Same inputs, same floats: the features, and so the
     * boundaries, stay exactly as they were.
     */
    private final Compared distances = new Compared(1);

    private final Compared changes = new Compared(ContentChange.COUNT);

    /** Starts with {@code history} as the frames just before the next one (oldest first). */
    void reset(Iterable<byte[]> history) {
        Arrays.fill(ring, null);
        seen = 0;
        lastSig = null;
        lastWide = null;
        distances.clear();
        changes.clear();
        for (byte[] sig : history) {
            push(sig, widened(sig, null));
        }
    }

    /** Writes the features of the frame with signature {@code sig} into {@code out[at..]}. */
    void next(byte[] sig, float[] out, int at) {
        next(sig, null, out, at);
    }

    /**
     * {@link #next(byte[], float[], int)} with {@code sig} already widened ({@code wide}, which is
     * copied where it is kept, not held), or null to widen it here when needed.
     */
    void next(byte[] sig, int[] wide, float[] out, int at) {
        int[] w = widened(sig, wide);
        out[at + Features.MEAN_LUMA] = Signature.meanLuma(sig);
        out[at + Features.LUMA_SPREAD] = Signature.lumaSpread(sig);
        for (int lag : Features.LAGS) {
            int[] earlier = seen >= lag ? ring[(int) ((seen - lag) % ring.length)] : null;
            out[at + Features.lag(lag)] = earlier == null ? Float.NaN : distance(w, earlier);
        }
        int[] previous = seen >= 1 ? ring[(int) ((seen - 1) % ring.length)] : null;
        int[] twoBack = seen >= 2 ? ring[(int) ((seen - 2) % ring.length)] : null;
        float[] change = previous == null ? null : change(w, previous);
        out[at + Features.CONTENT_LOST] = previous == null ? 0 : change[ContentChange.LOST];
        if (twoBack != null) {
            System.arraycopy(
                    change(w, twoBack), 0, out, at + Features.CONTENT_LOST2, ContentChange.COUNT);
        } else {
            out[at + Features.CONTENT_LOST2] = out[at + Features.CONTENT_LOST];
            out[at + Features.CONTENT_EXTENT2] =
                    previous == null ? 0 : change[ContentChange.EXTENT];
            out[at + Features.CONTENT_TOP2] = previous == null ? 1 : change[ContentChange.TOP];
        }
        push(sig, w);
    }

    /**
     * {@code sig} widened: the last frame's array when the signature is the same, so that the
     * comparisons made for it hold for this frame too; else {@code wide} (or a new one), with the
     * comparisons forgotten.
     */
    private int[] widened(byte[] sig, int[] wide) {
        if (lastSig != null && (sig == lastSig || Arrays.equals(sig, lastSig))) {
            return lastWide;
        }
        distances.clear();
        changes.clear();
        int[] own = spare.poll();
        if (wide == null || own == null || own.length != wide.length) {
            return Signature.widen(sig, own);
        }
        System.arraycopy(wide, 0, own, 0, wide.length);
        return own;
    }

    private float distance(int[] w, int[] earlier) {
        float[] d = distances.of(earlier);
        if (d == null) {
            d = distances.add(earlier);
            d[0] = Signature.distance(w, earlier);
        }
        return d[0];
    }

    /** The content change from {@code before} to {@code w}, valid until the next call. */
    private float[] change(int[] w, int[] before) {
        float[] c = changes.of(before);
        if (c == null) {
            c = changes.add(before);
            ContentChange.measure(w, before, c, 0);
        }
        return c;
    }

    private void push(byte[] sig, int[] wide) {
        int slot = (int) (seen % ring.length);
        int[] leaving = ring[slot];
        ring[slot] = wide;
        seen++;
        lastSig = sig;
        lastWide = wide;
        // The oldest frame left: its array is free unless the frame now oldest (or the new one,
        // when every frame in the ring is the same picture) shares it.
        if (leaving != null && leaving != wide && leaving != ring[(int) (seen % ring.length)]) {
            spare.push(leaving);
        }
    }

    /**
     * Results of comparing the last frame with earlier arrays, found by the earlier array's
     * identity. While the last frame's array stays the same, the earlier arrays it meets are those
     * in the ring and so at most a ring's worth; a search through them costs less than hashing.
     */
    private static final class Compared {
        private final int[][] with = new int[Features.LOOK_BACK + 2][];
        private final float[][] results;
        private int size;

        Compared(int width) {
            results = new float[with.length][width];
        }

        /** The result held for {@code earlier}, or null. */
        float[] of(int[] earlier) {
            for (int i = 0; i < size; i++) {
                if (with[i] == earlier) {
                    return results[i];
                }
            }
            return null;
        }

        /** The array to write the result for {@code earlier} into. */
        float[] add(int[] earlier) {
            if (size == with.length) {
                clear();
            }
            with[size] = earlier;
            return results[size++];
        }

        void clear() {
            Arrays.fill(with, 0, size, null);
            size = 0;
        }
    }
}
