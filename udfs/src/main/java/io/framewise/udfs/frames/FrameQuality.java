package io.framewise.udfs.frames;

import io.framewise.pipeline.frames.KeyframeQuality;
import io.framewise.pipeline.frames.Picture;

/**
 * How good a picture is as a keyframe: sharpness, brightness, contrast and a combined score.
 *
 * <p>Measured on the luma of the picture reduced to at most {@link #WIDTH} pixels wide, so that the
 * figures are cheap and comparable between videos of different sizes. Formulas (documented in
 * {@code udfs/README.md}, section Keyframes):
 *
 * <ul>
 *   <li>sharpness: variance of the 4-neighbour Laplacian {@code 4Y(x,y) - Y(x-1,y) - Y(x+1,y) -
 *       Y(x,y-1) - Y(x,y+1)} over the inner pixels;
 *   <li>brightness: mean luma; contrast: standard deviation of the luma;
 *   <li>score: {@code exposure * (0.6 * L / (L + 100) + 0.4 * min(1, contrast / 64)) * black},
 *       where {@code exposure} is 1 for a brightness in [30, 225] and falls linearly to 0 at 0 and
 *       255, and {@code black} is 0.1 when at least 95% of the pixels are darker than 24, else 1.
 * </ul>
 */
public final class FrameQuality {

    /** Quality is measured at most this wide. */
    public static final int WIDTH = 320;

    /** Laplacian variance at which the sharpness term reaches one half. */
    static final double SHARPNESS_HALF = 100;

    /** Luma standard deviation at which the contrast term saturates. */
    static final double CONTRAST_FULL = 64;

    static final double DARK = 30;
    static final double BRIGHT = 225;
    static final int BLACK_PIXEL = 24;
    static final double BLACK_SHARE = 0.95;
    static final double BLACK_FACTOR = 0.1;

    private FrameQuality() {}

    /** The quality of {@code picture} (grey or BGR, any size). */
    public static KeyframeQuality of(Picture picture) {
        return measure(reduced(picture));
    }

    /**
     * The luma of {@code picture} at most {@link #WIDTH} wide: what quality and the perceptual hash
     * are measured on. A reduced picture reduces to itself, so a caller that needs both reduces
     * once.
     */
    public static Picture reduced(Picture picture) {
        return Pictures.grey(Pictures.fitWidth(picture, WIDTH));
    }

    /** The quality of a grey picture as it is, without reducing it first. */
    public static KeyframeQuality measure(Picture grey) {
        int w = grey.width();
        int h = grey.height();
        byte[] y = grey.pixels();
        double sum = 0;
        double sumSq = 0;
        int black = 0;
        for (byte b : y) {
            int v = b & 0xFF;
            sum += v;
            sumSq += (double) v * v;
            if (v < BLACK_PIXEL) {
                black++;
            }
        }
        int n = y.length;
        double mean = sum / n;
        double contrast = Math.sqrt(Math.max(0, sumSq / n - mean * mean));

        double lSum = 0;
        double lSumSq = 0;
        int inner = 0;
        for (int r = 1; r < h - 1; r++) {
            for (int c = 1; c < w - 1; c++) {
                int i = r * w + c;
                int lap =
                        4 * (y[i] & 0xFF)
                                - (y[i - 1] & 0xFF)
                                - (y[i + 1] & 0xFF)
                                - (y[i - w] & 0xFF)
                                - (y[i + w] & 0xFF);
                lSum += lap;
                lSumSq += (double) lap * lap;
                inner++;
            }
        }
        double sharpness = 0;
        if (inner > 0) {
            double lMean = lSum / inner;
            sharpness = Math.max(0, lSumSq / inner - lMean * lMean);
        }
        boolean nearBlack = black >= BLACK_SHARE * n;
        return new KeyframeQuality(
                sharpness, mean, contrast, score(sharpness, mean, contrast, nearBlack));
    }

    /** The combined score, 0-1 (see the class comment). */
    static double score(double sharpness, double brightness, double contrast, boolean nearBlack) {
        double sharp = sharpness / (sharpness + SHARPNESS_HALF);
        double spread = Math.min(1, contrast / CONTRAST_FULL);
        return exposure(brightness) * (0.6 * sharp + 0.4 * spread) * (nearBlack ? BLACK_FACTOR : 1);
    }

    /** 1 for a mean luma in [30, 225], falling linearly to 0 at 0 and at 255. */
    public static double exposure(double brightness) {
        if (brightness < DARK) {
            return Math.max(0, brightness / DARK);
        }
        if (brightness > BRIGHT) {
            return Math.max(0, (255 - brightness) / (255 - BRIGHT));
        }
        return 1;
    }
}
