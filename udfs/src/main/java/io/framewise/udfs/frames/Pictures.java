package io.framewise.udfs.frames;

import io.framewise.pipeline.frames.Picture;

/**
 * Small operations on {@link Picture}s in plain Java: grey conversion, area-average downscaling and
 * rotation by quarter turns.
 *
 * <p>They work on pictures already reduced by FFmpeg's scaler (at most a few hundred pixels wide),
 * where plain loops are fast enough.
 */
public final class Pictures {

    private Pictures() {}

    /**
     * The luma of {@code picture} as a one-channel picture (returned as is when already grey):
     * {@code Y = (77 R + 150 G + 29 B + 128) / 256}, the BT.601 weights in fixed point.
     */
    public static Picture grey(Picture picture) {
        if (picture.channels() == 1) {
            return picture;
        }
        byte[] bgr = picture.pixels();
        byte[] y = new byte[picture.width() * picture.height()];
        for (int i = 0, j = 0; i < y.length; i++, j += 3) {
            int b = bgr[j] & 0xFF;
            int g = bgr[j + 1] & 0xFF;
            int r = bgr[j + 2] & 0xFF;
            y[i] = (byte) ((77 * r + 150 * g + 29 * b + 128) >> 8);
        }
        return new Picture(picture.width(), picture.height(), 1, y);
    }

    /**
     * {@code picture} reduced to {@code width x height} by area averaging: each output pixel is the
     * mean of the source area it covers, partial pixels weighted by their covered fraction. Never
     * enlarges: a target larger than the source in either direction is an error.
     */
    public static Picture resizeArea(Picture picture, int width, int height) {
        int sw = picture.width();
        int sh = picture.height();
        int c = picture.channels();
        if (width > sw || height > sh || width <= 0 || height <= 0) {
            throw new IllegalArgumentException(
                    "cannot reduce " + sw + "x" + sh + " to " + width + "x" + height);
        }
        if (width == sw && height == sh) {
            return picture;
        }
        if (sw % width == 0 && sh % height == 0) {
            return boxAverage(picture, sw / width, sh / height);
        }
        byte[] src = picture.pixels();
        // Horizontal pass into doubles, then vertical pass. Each output column's source pixels
        // and weights are worked out once; the pass then walks the source row by row, as it lies
        // in memory (column by column it missed the cache on every pixel of a large frame). The
        // sums are taken in the same order either way, so the result is the same to the bit.
        double fx = (double) sw / width;
        int[] first = new int[width];
        double[][] weights = new double[width][];
        for (int x = 0; x < width; x++) {
            double x0 = x * fx;
            double x1 = x0 + fx;
            int from = (int) x0;
            int to = Math.min(sw, (int) Math.ceil(x1));
            first[x] = from;
            weights[x] = new double[Math.max(0, to - from)];
            for (int sx = from; sx < to; sx++) {
                weights[x][sx - from] = Math.max(0, Math.min(x1, sx + 1) - Math.max(x0, sx));
            }
        }
        double[] rows = new double[sh * width * c];
        for (int y = 0; y < sh; y++) {
            int rowStart = y * sw * c;
            for (int x = 0; x < width; x++) {
                int d = (y * width + x) * c;
                double[] wx = weights[x];
                for (int i = 0; i < wx.length; i++) {
                    double w = wx[i];
                    if (w <= 0) {
                        continue;
                    }
                    int s = rowStart + (first[x] + i) * c;
                    for (int k = 0; k < c; k++) {
                        rows[d + k] += w * (src[s + k] & 0xFF);
                    }
                }
            }
        }
        byte[] out = new byte[width * height * c];
        double fy = (double) sh / height;
        double area = fx * fy;
        double[] acc = new double[width * c];
        for (int y = 0; y < height; y++) {
            java.util.Arrays.fill(acc, 0);
            double y0 = y * fy;
            double y1 = y0 + fy;
            for (int sy = (int) y0; sy < Math.min(sh, (int) Math.ceil(y1)); sy++) {
                double w = Math.min(y1, sy + 1) - Math.max(y0, sy);
                if (w <= 0) {
                    continue;
                }
                int base = sy * width * c;
                for (int i = 0; i < acc.length; i++) {
                    acc[i] += w * rows[base + i];
                }
            }
            for (int i = 0; i < acc.length; i++) {
                out[y * width * c + i] = (byte) Math.min(255, Math.round(acc[i] / area));
            }
        }
        return new Picture(width, height, c, out);
    }

    /**
     * The area average when every output pixel covers whole {@code bx x by} blocks (1280 or 1920
     * wide to 320): whole-number sums, rounded half up as the general path rounds, so the result is
     * the same at a fraction of the cost. Keyframe candidates are measured this way many times a
     * second of video.
     */
    private static Picture boxAverage(Picture picture, int bx, int by) {
        int sw = picture.width();
        int c = picture.channels();
        int width = sw / bx;
        int height = picture.height() / by;
        byte[] src = picture.pixels();
        byte[] out = new byte[width * height * c];
        int area = bx * by;
        // Each output row sums its source rows column by column first (a loop the JIT turns into
        // vector instructions), then each box's columns: every keyframe candidate is reduced so.
        int used = width * bx * c;
        int[] columns = new int[used];
        for (int y = 0; y < height; y++) {
            java.util.Arrays.fill(columns, 0);
            for (int sy = y * by; sy < (y + 1) * by; sy++) {
                int s = sy * sw * c;
                for (int i = 0; i < used; i++) {
                    columns[i] += src[s + i] & 0xFF;
                }
            }
            int o = y * width * c;
            for (int x = 0; x < width; x++) {
                for (int k = 0; k < c; k++) {
                    int sum = 0;
                    for (int i = x * bx * c + k; i < (x + 1) * bx * c; i += c) {
                        sum += columns[i];
                    }
                    // Math.round(sum / area) for a non-negative sum, in whole numbers.
                    out[o + x * c + k] = (byte) Math.min(255, (2 * sum + area) / (2 * area));
                }
            }
        }
        return new Picture(width, height, c, out);
    }

    /**
     * {@code picture} reduced to at most {@code maxWidth} wide, keeping its aspect ratio (height
     * rounded, at least 1); returned as is when already narrow enough.
     */
    public static Picture fitWidth(Picture picture, int maxWidth) {
        if (picture.width() <= maxWidth) {
            return picture;
        }
        int h =
                Math.max(
                        1,
                        (int) Math.round((double) picture.height() * maxWidth / picture.width()));
        return resizeArea(picture, maxWidth, Math.min(h, picture.height()));
    }

    /** {@code picture} turned clockwise by {@code degrees} (0, 90, 180 or 270). */
    public static Picture rotate(Picture picture, int degrees) {
        int w = picture.width();
        int h = picture.height();
        int c = picture.channels();
        if (degrees == 0) {
            return picture;
        }
        if (degrees != 90 && degrees != 180 && degrees != 270) {
            throw new IllegalArgumentException("rotation must be 0, 90, 180 or 270: " + degrees);
        }
        boolean sideways = degrees != 180;
        int ow = sideways ? h : w;
        int oh = sideways ? w : h;
        byte[] src = picture.pixels();
        byte[] out = new byte[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int ox;
                int oy;
                switch (degrees) {
                    case 90 -> {
                        ox = h - 1 - y;
                        oy = x;
                    }
                    case 180 -> {
                        ox = w - 1 - x;
                        oy = h - 1 - y;
                    }
                    default -> {
                        ox = y;
                        oy = w - 1 - x;
                    }
                }
                System.arraycopy(src, (y * w + x) * c, out, (oy * ow + ox) * c, c);
            }
        }
        return new Picture(ow, oh, c, out);
    }
}
