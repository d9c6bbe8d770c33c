package io.framewise.udfs.shots;

/**
 * A frame's signature: a small grid of mean luma, chroma and luma-edge values, and the distance
 * between two of them.
 *
 * <p>Layout of the bytes: {@code cells} luma values, then {@code cells} Cb, {@code cells} Cr and
 * {@code cells} edge strengths, each unsigned. The distance is a weighted mean absolute difference
 * on the 0-255 scale of three parts: luma, chroma and edges. Edges catch a change of layout on the
 * same colours (the next slide); chroma catches cuts between equally dark or bright pictures. Luma
 * counts its structure in full but a uniform brightness shift of the whole picture only at {@link
 * #BRIGHTNESS_WEIGHT}: exposure changes and encoders' keyframe "pumping" shift the brightness of a
 * continuing shot (measured: 3.4 levels at a keyframe of a still 1080p shot), while a cut changes
 * structure or colour.
 *
 * <p>After those four planes comes the <b>fine luma grid</b>: {@link #FINE} times as many cells a
 * side ({@code 4 * cells} bytes), from which the coarse grid is averaged. At 1280x720 a fine cell
 * is 10x10 pixels, small enough that two different lines of 30 px text at the same place give
 * different cells, which the coarse grid averages away. {@link ContentChange} compares it. The last
 * two bytes are the coarse grid's width and height.
 */
final class Signature {

    /** Grid cells along the longer side of the picture. */
    static final int LONG_SIDE = 64;

    /** Fine cells per coarse cell along each side. */
    static final int FINE = 2;

    static final double LUMA_WEIGHT = 1.0;
    static final double CHROMA_WEIGHT = 2.0;
    static final double EDGE_WEIGHT = 1.0;

    /** Share of a uniform brightness shift that counts as luma change. */
    static final double BRIGHTNESS_WEIGHT = 0.25;

    private Signature() {}

    /** Grid width and height for a picture, keeping its aspect ratio, at least 4 cells a side. */
    static int[] grid(int width, int height) {
        if (width >= height) {
            return new int[] {
                LONG_SIDE, Math.max(4, (int) Math.round((double) LONG_SIDE * height / width))
            };
        }
        return new int[] {
            Math.max(4, (int) Math.round((double) LONG_SIDE * width / height)), LONG_SIDE
        };
    }

    static int length(int cells) {
        return 8 * cells + 2;
    }

    static int cells(byte[] signature) {
        return (signature.length - 2) / 8;
    }

    static int gridWidth(byte[] signature) {
        return signature[signature.length - 2] & 0xFF;
    }

    static int gridHeight(byte[] signature) {
        return signature[signature.length - 1] & 0xFF;
    }

    /** Offset of the fine luma grid ({@code FINE * gridWidth} wide) within a signature. */
    static int fineOffset(byte[] signature) {
        return 4 * cells(signature);
    }

    /**
     * Builds a signature from a fine YUV 4:4:4 grid (Y plane, then Cb, then Cr) of {@code FINE *
     * gridWidth} by {@code FINE * gridHeight} cells.
     */
    static byte[] of(byte[] fineYuv, int gridWidth, int gridHeight) {
        int cells = gridWidth * gridHeight;
        int fineWidth = FINE * gridWidth;
        int fineCells = FINE * FINE * cells;
        byte[] sig = new byte[length(cells)];
        for (int plane = 0; plane < 3; plane++) {
            int from = plane * fineCells;
            for (int y = 0; y < gridHeight; y++) {
                for (int x = 0; x < gridWidth; x++) {
                    int sum = 0;
                    for (int dy = 0; dy < FINE; dy++) {
                        int row = from + (FINE * y + dy) * fineWidth + FINE * x;
                        for (int dx = 0; dx < FINE; dx++) {
                            sum += fineYuv[row + dx] & 0xFF;
                        }
                    }
                    int n = FINE * FINE;
                    sig[plane * cells + y * gridWidth + x] = (byte) ((sum + n / 2) / n);
                }
            }
        }
        for (int y = 0; y < gridHeight; y++) {
            for (int x = 0; x < gridWidth; x++) {
                int i = y * gridWidth + x;
                int here = sig[i] & 0xFF;
                int right = x + 1 < gridWidth ? sig[i + 1] & 0xFF : here;
                int below = y + 1 < gridHeight ? sig[i + gridWidth] & 0xFF : here;
                int edge = Math.abs(right - here) + Math.abs(below - here);
                sig[3 * cells + i] = (byte) Math.min(255, edge);
            }
        }
        System.arraycopy(fineYuv, 0, sig, 4 * cells, fineCells);
        sig[sig.length - 2] = (byte) gridWidth;
        sig[sig.length - 1] = (byte) gridHeight;
        return sig;
    }

    /**
     * The signature's bytes as ints (0-255). The per-frame comparisons read these: on int arrays
     * the JIT compiles the difference loops to vector instructions, on bytes it does not (measured
     * 3x faster). A decoder widens each signature once and compares it with many earlier ones.
     */
    static int[] widen(byte[] sig) {
        return widen(sig, null);
    }

    /**
     * {@link #widen(byte[])} into {@code into} when it has the signature's length (a new array
     * otherwise), which it returns: the decoders recycle their arrays, as a new one for every frame
     * was two thirds of what detection allocates (72 KB a 720p frame).
     */
    static int[] widen(byte[] sig, int[] into) {
        int[] out = into != null && into.length == sig.length ? into : new int[sig.length];
        for (int i = 0; i < sig.length; i++) {
            out[i] = sig[i] & 0xFF;
        }
        return out;
    }

    /** Weighted mean absolute difference of two signatures of the same grid, 0-255. */
    static float distance(byte[] a, byte[] b) {
        return distance(widen(a), widen(b));
    }

    /** {@link #distance(byte[], byte[])} of two widened signatures. */
    static float distance(int[] a, int[] b) {
        int cells = (a.length - 2) / 8;
        double luma = lumaChange(a, b, cells);
        double chroma = sumAbs(a, b, cells, 3 * cells) / (2.0 * cells);
        double edges = (double) sumAbs(a, b, 3 * cells, 4 * cells) / cells;
        double weighted = LUMA_WEIGHT * luma + CHROMA_WEIGHT * chroma + EDGE_WEIGHT * edges;
        return (float) (weighted / (LUMA_WEIGHT + CHROMA_WEIGHT + EDGE_WEIGHT));
    }

    /**
     * Mean luma change, with the uniform shift of all cells discounted. In whole numbers, exactly:
     * the mean of {@code |d - shift|} with {@code shift = signed / cells} is {@code sum |cells * d
     * - signed| / cells^2}.
     */
    private static double lumaChange(int[] a, int[] b, int cells) {
        int signed = 0;
        for (int i = 0; i < cells; i++) {
            signed += a[i] - b[i];
        }
        // |cells * d - signed| < 2 * 255 * cells^2 fits an int for any grid (LONG_SIDE^2 cells).
        long structure = 0;
        for (int i = 0; i < cells; i++) {
            structure += Math.abs(cells * (a[i] - b[i]) - signed);
        }
        double shift = (double) signed / cells;
        return (double) structure / cells / cells + BRIGHTNESS_WEIGHT * Math.abs(shift);
    }

    /** Sum of absolute differences over {@code [from, to)}; an int holds it for any grid. */
    private static int sumAbs(int[] a, int[] b, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum;
    }

    /**
     * The signature a fraction {@code t} of the way from {@code a} to {@code b}: each byte {@code
     * Math.round(from + t * (to - from))}.
     *
     * <p>Every skipped frame between two different pictures gets one, so the rounding is looked up
     * per difference (511 of them) rather than done per byte (a microbenchmark on 720p signatures
     * of 18 KB: 35 µs a signature before, 22 after). {@code Math.round(from + x)} is {@code from +
     * Math.round(x)} for a whole {@code from}, except where {@code x} lies within the double's
     * rounding error of a half: adding {@code from} may then round the sum the other way. Those
     * differences are done as before, so every byte is the same.
     */
    static byte[] interpolate(byte[] a, byte[] b, double t) {
        int[] step = new int[511];
        for (int d = -255; d <= 255; d++) {
            double x = t * d;
            boolean nearHalf = Math.abs(x - Math.floor(x) - 0.5) < 1e-9;
            step[d + 255] = nearHalf ? NEAR_HALF : (int) Math.round(x);
        }
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            int from = a[i] & 0xFF;
            int d = (b[i] & 0xFF) - from;
            int s = step[d + 255];
            out[i] = (byte) (s != NEAR_HALF ? from + s : Math.round(from + t * d));
        }
        return out;
    }

    /** A step of {@link #interpolate} that is rounded byte by byte. */
    private static final int NEAR_HALF = Integer.MIN_VALUE;

    /** Mean luma of the grid, 0-255. */
    static float meanLuma(byte[] sig) {
        int cells = cells(sig);
        long sum = 0;
        for (int i = 0; i < cells; i++) {
            sum += sig[i] & 0xFF;
        }
        return (float) sum / cells;
    }

    /** Standard deviation of the grid's luma, 0-255. */
    static float lumaSpread(byte[] sig) {
        int cells = cells(sig);
        long sum = 0;
        long squares = 0;
        for (int i = 0; i < cells; i++) {
            int v = sig[i] & 0xFF;
            sum += v;
            squares += (long) v * v;
        }
        double mean = (double) sum / cells;
        return (float) Math.sqrt(Math.max(0, (double) squares / cells - mean * mean));
    }
}
