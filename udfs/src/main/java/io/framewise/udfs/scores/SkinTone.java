package io.framewise.udfs.scores;

import io.framewise.pipeline.frames.Picture;
import java.util.Arrays;

/**
 * Whether a picture has skin colours where a face could be, so that the face cascade runs only
 * there: slides, screens and title cards have none and skip it (about 125 ms a 640 px keyframe with
 * the Haar cascade).
 *
 * <p>Skin of every complexion falls in a narrow chroma box, whatever its brightness: Cb 77-127 and
 * Cr 133-173 (BT.601 YCbCr, Chai and Ngan 1999), at a luma of at least {@link #MIN_LUMA}. Every
 * {@link #STEP}th pixel of every {@link #STEP}th row is looked at. A face is a patch of skin, not a
 * sprinkle: confetti, particles or a noisy orange texture have skin-coloured pixels all over and no
 * patch, so {@link #hasPatch} asks for a square as wide as the smallest face, much of it in skin
 * colours. A grey picture has no chroma at all, so a face in black and white video is not looked
 * for (documented in the udfs README).
 */
final class SkinTone {

    /**
     * Darker pixels are not skin, whatever their chroma: near black, compression leaves colour
     * fringes (dark red beside a red dot falls in the box), and a face that dark is not found by
     * the cascade anyway.
     */
    static final int MIN_LUMA = 40;

    /** Pixels and rows sampled: one in this many each way. */
    static final int STEP = 4;

    private SkinTone() {}

    /**
     * True when some square of {@code picture} (BGR), {@code side} pixels wide, has at least {@code
     * share} of its sampled pixels in the skin chroma box.
     */
    static boolean hasPatch(Picture picture, int side, double share) {
        return patches(picture, side, share) != null;
    }

    /**
     * Where the patches are: for each sampled pixel (one in {@link #STEP} each way, by row),
     * whether it lies in some square of {@code side} pixels with at least {@code share} of its
     * sampled pixels in skin colours; null when there is no such square.
     */
    static boolean[][] patches(Picture picture, int side, double share) {
        boolean[][] skin = sampled(picture);
        if (skin.length == 0) {
            return null;
        }
        int rows = skin.length;
        int cols = skin[0].length;
        int k = Math.max(1, Math.min(Math.min(rows, cols), (int) Math.round((double) side / STEP)));
        int needed = (int) Math.ceil(share * k * k);
        // Summed-area table: any k x k window's count in four look-ups.
        int[][] sum = new int[rows + 1][cols + 1];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                sum[y + 1][x + 1] =
                        sum[y][x + 1] + sum[y + 1][x] - sum[y][x] + (skin[y][x] ? 1 : 0);
            }
        }
        boolean[][] covered = null;
        for (int y = k; y <= rows; y++) {
            for (int x = k; x <= cols; x++) {
                if (sum[y][x] - sum[y - k][x] - sum[y][x - k] + sum[y - k][x - k] >= needed) {
                    if (covered == null) {
                        covered = new boolean[rows][cols];
                    }
                    for (int r = y - k; r < y; r++) {
                        Arrays.fill(covered[r], x - k, x, true);
                    }
                }
            }
        }
        return covered;
    }

    /** The sampled pixels in the skin chroma box, by sampled row; none for a grey picture. */
    private static boolean[][] sampled(Picture picture) {
        if (picture.channels() != 3) {
            return new boolean[0][];
        }
        byte[] p = picture.pixels();
        int w = picture.width();
        int rows = (picture.height() + STEP - 1) / STEP;
        int cols = (w + STEP - 1) / STEP;
        boolean[][] skin = new boolean[rows][cols];
        for (int row = 0; row < rows; row++) {
            for (int col = 0; col < cols; col++) {
                int i = 3 * (row * STEP * w + col * STEP);
                int b = p[i] & 0xFF;
                int g = p[i + 1] & 0xFF;
                int r = p[i + 2] & 0xFF;
                double y = 0.299 * r + 0.587 * g + 0.114 * b;
                double cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
                double cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
                skin[row][col] = y >= MIN_LUMA && cb >= 77 && cb <= 127 && cr >= 133 && cr <= 173;
            }
        }
        return skin;
    }
}
