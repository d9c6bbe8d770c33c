package io.framewise.udfs.shots;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Computes each frame's {@link Features} from its signature and the signatures before it.
 *
 * <p>A frame's features depend only on its own signature and the {@link Features#LOOK_BACK}
 * signatures before it, so the same frame gets the same features whether a segment decoder or the
 * stitcher (fed the previous segment's tail) computes them. Not thread-safe.
 */
final class FeatureExtractor {

    /** The last signatures, {@linkplain Signature#widen widened} once each for the comparisons. */
    private final int[][] ring = new int[Features.LOOK_BACK + 1][];

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
    private final Map<int[], Float> distances = new IdentityHashMap<>();

    private final Map<int[], float[]> changes = new IdentityHashMap<>();

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
     * {@link #next(byte[], float[], int)} with {@code sig} already widened ({@code wide}), or null
     * to widen it here when needed.
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
        return wide != null ? wide : Signature.widen(sig);
    }

    private float distance(int[] w, int[] earlier) {
        Float d = distances.get(earlier);
        if (d == null) {
            d = Signature.distance(w, earlier);
            distances.put(earlier, d);
        }
        return d;
    }

    private float[] change(int[] w, int[] before) {
        float[] c = changes.get(before);
        if (c == null) {
            c = new float[ContentChange.COUNT];
            ContentChange.measure(w, before, c, 0);
            changes.put(before, c);
        }
        return c;
    }

    private void push(byte[] sig, int[] wide) {
        ring[(int) (seen % ring.length)] = wide;
        seen++;
        lastSig = sig;
        lastWide = wide;
    }
}
