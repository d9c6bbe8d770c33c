package io.framewise.udfs.frames;

import io.framewise.pipeline.frames.Picture;
import java.util.Arrays;

/**
 * A 64-bit perceptual hash (pHash) of a picture, for finding near-duplicates.
 *
 * <p>The luma, reduced as for {@link FrameQuality} (at most {@link FrameQuality#WIDTH} wide, so
 * that a large frame costs no more than a small one), is area-averaged to 32x32 (aspect ratio
 * ignored), transformed with a 2-D DCT-II, and the 8x8 lowest frequencies after the DC row and
 * column (coefficients {@code (u, v)} with {@code 1 <= u, v <= 8}, as the pHash library does) are
 * compared to their median: bit {@code 8(v-1) + (u-1)} is set when the coefficient is above it. A
 * uniform change of brightness moves only the DC terms and leaves the hash alone; mild noise and
 * compression flip a few bits. Two hashes are compared by their Hamming distance.
 */
public final class PerceptualHash {

    static final int SIZE = 32;

    /** {@code COS[k][x] = cos((2x + 1) k pi / 64)}, for the frequencies used. */
    private static final double[][] COS = new double[9][SIZE];

    static {
        for (int k = 0; k < 9; k++) {
            for (int x = 0; x < SIZE; x++) {
                COS[k][x] = Math.cos((2 * x + 1) * k * Math.PI / (2 * SIZE));
            }
        }
    }

    private PerceptualHash() {}

    /** The hash of {@code picture} (grey or BGR, at least 32x32). */
    public static long of(Picture picture) {
        Picture grey = FrameQuality.reduced(picture);
        Picture small =
                Pictures.resizeArea(
                        grey, Math.min(SIZE, grey.width()), Math.min(SIZE, grey.height()));
        if (small.width() != SIZE || small.height() != SIZE) {
            small = stretch(small);
        }
        byte[] p = small.pixels();
        // Rows first: r[y][u] = sum_x p[y][x] cos(u, x), for u in 1..8.
        double[][] rows = new double[SIZE][9];
        for (int y = 0; y < SIZE; y++) {
            for (int u = 1; u <= 8; u++) {
                double s = 0;
                for (int x = 0; x < SIZE; x++) {
                    s += (p[y * SIZE + x] & 0xFF) * COS[u][x];
                }
                rows[y][u] = s;
            }
        }
        double[] coef = new double[64];
        for (int v = 1; v <= 8; v++) {
            for (int u = 1; u <= 8; u++) {
                double s = 0;
                for (int y = 0; y < SIZE; y++) {
                    s += rows[y][u] * COS[v][y];
                }
                coef[8 * (v - 1) + (u - 1)] = s;
            }
        }
        double[] sorted = coef.clone();
        Arrays.sort(sorted);
        double median = (sorted[31] + sorted[32]) / 2;
        long hash = 0;
        for (int i = 0; i < 64; i++) {
            if (coef[i] > median) {
                hash |= 1L << i;
            }
        }
        return hash;
    }

    /** Bits in which two hashes differ, 0-64. */
    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    /** A picture smaller than 32 in some direction, enlarged by nearest neighbour. */
    private static Picture stretch(Picture small) {
        byte[] out = new byte[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int sx = x * small.width() / SIZE;
                int sy = y * small.height() / SIZE;
                out[y * SIZE + x] = small.pixels()[sy * small.width() + sx];
            }
        }
        return new Picture(SIZE, SIZE, 1, out);
    }
}
