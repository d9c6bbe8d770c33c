package io.framewise.pipeline.frames;

import java.util.Locale;

/**
 * The colours of a picture as a joint RGB histogram with {@value #LEVELS} levels per channel
 * ({@value #BINS} bins, {@code v >> 6} per channel), as shares of the pixels summing to 1.
 *
 * <p>It is what scenes, clusters and a video's dominant colours are computed from: cheap (a sample
 * of at most about {@value #SAMPLES} pixels), independent of the picture's size, and small enough
 * to travel with every keyframe once the pixels are dropped. It lives here rather than in an engine
 * because it is a few lines of arithmetic with no library behind it, as {@link Jpeg} is.
 */
public final class ColourHistogram {

    public static final int LEVELS = 4;
    public static final int BINS = LEVELS * LEVELS * LEVELS;

    /** Pixels sampled at most, on an even grid: plenty for 64 bins. */
    static final int SAMPLES = 16_384;

    private ColourHistogram() {}

    /** The histogram of {@code picture}; a grey picture fills the grey bins only. */
    public static float[] of(Picture picture) {
        int w = picture.width();
        int h = picture.height();
        int step = Math.max(1, (int) Math.sqrt((double) w * h / SAMPLES));
        byte[] px = picture.pixels();
        int channels = picture.channels();
        long[] counts = new long[BINS];
        long total = 0;
        for (int y = step / 2; y < h; y += step) {
            for (int x = step / 2; x < w; x += step) {
                int i = (y * w + x) * channels;
                int b = (px[i] & 0xFF) >> 6;
                int g = channels == 3 ? (px[i + 1] & 0xFF) >> 6 : b;
                int r = channels == 3 ? (px[i + 2] & 0xFF) >> 6 : b;
                counts[bin(r, g, b)]++;
                total++;
            }
        }
        float[] shares = new float[BINS];
        for (int k = 0; k < BINS; k++) {
            shares[k] = (float) ((double) counts[k] / total);
        }
        return shares;
    }

    /** The bin of quantised levels (each 0 to {@value #LEVELS} - 1). */
    public static int bin(int r, int g, int b) {
        return (r * LEVELS + g) * LEVELS + b;
    }

    /** The colour at the centre of {@code bin}, as {@code #rrggbb}. */
    public static String hex(int bin) {
        int r = bin / (LEVELS * LEVELS);
        int g = (bin / LEVELS) % LEVELS;
        int b = bin % LEVELS;
        int half = 256 / LEVELS / 2;
        return String.format(
                Locale.ROOT,
                "#%02x%02x%02x",
                r * 256 / LEVELS + half,
                g * 256 / LEVELS + half,
                b * 256 / LEVELS + half);
    }
}
