package io.framewise.udfs.scores;

import io.framewise.pipeline.frames.Picture;
import io.framewise.udfs.frames.Pictures;

/**
 * Hasler and Süsstrunk's colourfulness (2003), the metric most image-quality work uses: with {@code
 * rg = R - G} and {@code yb = (R + G) / 2 - B} per pixel, {@code M = sqrt(sd(rg)^2 + sd(yb)^2) +
 * 0.3 * sqrt(mean(rg)^2 + mean(yb)^2)}. Grey pictures score 0; in their study 59 is "quite", 82
 * "highly" and 109 "extremely colourful". Measured on the picture area-averaged to at most {@value
 * #WIDTH} pixels wide.
 */
public final class Colourfulness {

    static final int WIDTH = 320;

    /** {@code M} at which the scaled score reaches 1. */
    public static final double FULL = 150;

    private Colourfulness() {}

    /** The metric {@code M} of {@code picture} (0 for a grey one). */
    public static double raw(Picture picture) {
        if (picture.channels() == 1) {
            return 0;
        }
        Picture p = Pictures.fitWidth(picture, WIDTH);
        byte[] px = p.pixels();
        int n = p.width() * p.height();
        double sumRg = 0;
        double sumYb = 0;
        double sqRg = 0;
        double sqYb = 0;
        for (int i = 0; i < n; i++) {
            int b = px[3 * i] & 0xFF;
            int g = px[3 * i + 1] & 0xFF;
            int r = px[3 * i + 2] & 0xFF;
            double rg = r - g;
            double yb = 0.5 * (r + g) - b;
            sumRg += rg;
            sumYb += yb;
            sqRg += rg * rg;
            sqYb += yb * yb;
        }
        double meanRg = sumRg / n;
        double meanYb = sumYb / n;
        double varRg = Math.max(0, sqRg / n - meanRg * meanRg);
        double varYb = Math.max(0, sqYb / n - meanYb * meanYb);
        return Math.sqrt(varRg + varYb) + 0.3 * Math.sqrt(meanRg * meanRg + meanYb * meanYb);
    }

    /** {@code min(1, M / 150)}: the {@code colourfulness} column. */
    public static double score(Picture picture) {
        return Math.min(1, raw(picture) / FULL);
    }
}
