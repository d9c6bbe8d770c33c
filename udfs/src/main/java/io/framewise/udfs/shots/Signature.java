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
 */
final class Signature {

    /** Grid cells along the longer side of the picture. */
    static final int LONG_SIDE = 64;

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
        return 4 * cells;
    }

    static int cells(byte[] signature) {
        return signature.length / 4;
    }

    /** Builds a signature from a YUV 4:4:4 grid (Y plane, then Cb, then Cr). */
    static byte[] of(byte[] yuv, int gridWidth, int gridHeight) {
        int cells = gridWidth * gridHeight;
        byte[] sig = new byte[4 * cells];
        System.arraycopy(yuv, 0, sig, 0, 3 * cells);
        for (int y = 0; y < gridHeight; y++) {
            for (int x = 0; x < gridWidth; x++) {
                int i = y * gridWidth + x;
                int here = yuv[i] & 0xFF;
                int right = x + 1 < gridWidth ? yuv[i + 1] & 0xFF : here;
                int below = y + 1 < gridHeight ? yuv[i + gridWidth] & 0xFF : here;
                int edge = Math.abs(right - here) + Math.abs(below - here);
                sig[3 * cells + i] = (byte) Math.min(255, edge);
            }
        }
        return sig;
    }

    /** Weighted mean absolute difference of two signatures of the same grid, 0-255. */
    static float distance(byte[] a, byte[] b) {
        int cells = cells(a);
        double luma = lumaChange(a, b, cells);
        double chroma = sumAbs(a, b, cells, 3 * cells) / (2.0 * cells);
        double edges = (double) sumAbs(a, b, 3 * cells, 4 * cells) / cells;
        double weighted = LUMA_WEIGHT * luma + CHROMA_WEIGHT * chroma + EDGE_WEIGHT * edges;
        return (float) (weighted / (LUMA_WEIGHT + CHROMA_WEIGHT + EDGE_WEIGHT));
    }

    /** Mean luma change, with the uniform shift of all cells discounted. */
    private static double lumaChange(byte[] a, byte[] b, int cells) {
        long signed = 0;
        for (int i = 0; i < cells; i++) {
            signed += (a[i] & 0xFF) - (b[i] & 0xFF);
        }
        double shift = (double) signed / cells;
        double structure = 0;
        for (int i = 0; i < cells; i++) {
            structure += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF) - shift);
        }
        return structure / cells + BRIGHTNESS_WEIGHT * Math.abs(shift);
    }

    private static long sumAbs(byte[] a, byte[] b, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        }
        return sum;
    }

    /** The signature a fraction {@code t} of the way from {@code a} to {@code b}, rounded. */
    static byte[] interpolate(byte[] a, byte[] b, double t) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            int from = a[i] & 0xFF;
            out[i] = (byte) Math.round(from + t * ((b[i] & 0xFF) - from));
        }
        return out;
    }

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
