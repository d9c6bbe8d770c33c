package io.framewise.udfs.shots;

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

    /** Starts with {@code history} as the frames just before the next one (oldest first). */
    void reset(Iterable<byte[]> history) {
        java.util.Arrays.fill(ring, null);
        seen = 0;
        for (byte[] sig : history) {
            push(Signature.widen(sig));
        }
    }

    /** Writes the features of the frame with signature {@code sig} into {@code out[at..]}. */
    void next(byte[] sig, float[] out, int at) {
        next(sig, Signature.widen(sig), out, at);
    }

    /** {@link #next(byte[], float[], int)} with {@code sig} already widened ({@code wide}). */
    void next(byte[] sig, int[] wide, float[] out, int at) {
        out[at + Features.MEAN_LUMA] = Signature.meanLuma(sig);
        out[at + Features.LUMA_SPREAD] = Signature.lumaSpread(sig);
        for (int lag : Features.LAGS) {
            int[] earlier = seen >= lag ? ring[(int) ((seen - lag) % ring.length)] : null;
            out[at + Features.lag(lag)] =
                    earlier == null ? Float.NaN : Signature.distance(wide, earlier);
        }
        int[] previous = seen >= 1 ? ring[(int) ((seen - 1) % ring.length)] : null;
        int[] twoBack = seen >= 2 ? ring[(int) ((seen - 2) % ring.length)] : null;
        float[] change = new float[ContentChange.COUNT];
        if (previous != null) {
            ContentChange.measure(wide, previous, change, 0);
        }
        out[at + Features.CONTENT_LOST] = previous == null ? 0 : change[ContentChange.LOST];
        if (twoBack != null) {
            ContentChange.measure(wide, twoBack, out, at + Features.CONTENT_LOST2);
        } else {
            out[at + Features.CONTENT_LOST2] = out[at + Features.CONTENT_LOST];
            out[at + Features.CONTENT_EXTENT2] =
                    previous == null ? 0 : change[ContentChange.EXTENT];
            out[at + Features.CONTENT_TOP2] = previous == null ? 1 : change[ContentChange.TOP];
        }
        push(wide);
    }

    private void push(int[] wide) {
        ring[(int) (seen % ring.length)] = wide;
        seen++;
    }
}
