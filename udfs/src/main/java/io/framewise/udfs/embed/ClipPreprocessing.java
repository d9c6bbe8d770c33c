package io.framewise.udfs.embed;

import io.framewise.pipeline.frames.Picture;
import io.framewise.udfs.frames.Pictures;
import java.util.List;

/**
 * CLIP-style preparation of a picture for a visual encoder: the centred square (the picture's
 * shorter side), resized to {@code size x size} (area averaging when reducing, bilinear when
 * enlarging), RGB, each channel scaled to 0-1 and standardised as {@code (x - mean) / std}, laid
 * out NCHW (all R, then all G, then all B).
 */
final class ClipPreprocessing {

    private ClipPreprocessing() {}

    /** The {@code 3 * size * size} input values of {@code picture}. */
    static float[] prepare(Picture picture, int size, List<Double> mean, List<Double> std) {
        Picture square = resize(centreSquare(picture), size);
        float[] out = new float[3 * size * size];
        byte[] px = square.pixels();
        int plane = size * size;
        for (int i = 0; i < plane; i++) {
            for (int ch = 0; ch < 3; ch++) {
                int value;
                if (square.channels() == 3) {
                    value = px[3 * i + (2 - ch)] & 0xFF; // BGR in, RGB out
                } else {
                    value = px[i] & 0xFF;
                }
                out[ch * plane + i] = (float) ((value / 255.0 - mean.get(ch)) / std.get(ch));
            }
        }
        return out;
    }

    static Picture centreSquare(Picture p) {
        int side = Math.min(p.width(), p.height());
        if (p.width() == side && p.height() == side) {
            return p;
        }
        int x0 = (p.width() - side) / 2;
        int y0 = (p.height() - side) / 2;
        int c = p.channels();
        byte[] out = new byte[side * side * c];
        for (int y = 0; y < side; y++) {
            System.arraycopy(
                    p.pixels(), ((y0 + y) * p.width() + x0) * c, out, y * side * c, side * c);
        }
        return new Picture(side, side, c, out);
    }

    static Picture resize(Picture square, int size) {
        if (square.width() >= size) {
            return Pictures.resizeArea(square, size, size);
        }
        int s = square.width();
        int c = square.channels();
        byte[] src = square.pixels();
        byte[] out = new byte[size * size * c];
        double scale = (double) s / size;
        for (int y = 0; y < size; y++) {
            double sy = Math.max(0, Math.min(s - 1, (y + 0.5) * scale - 0.5));
            int y0 = (int) sy;
            int y1 = Math.min(s - 1, y0 + 1);
            double fy = sy - y0;
            for (int x = 0; x < size; x++) {
                double sx = Math.max(0, Math.min(s - 1, (x + 0.5) * scale - 0.5));
                int x0 = (int) sx;
                int x1 = Math.min(s - 1, x0 + 1);
                double fx = sx - x0;
                for (int k = 0; k < c; k++) {
                    double top =
                            (src[(y0 * s + x0) * c + k] & 0xFF) * (1 - fx)
                                    + (src[(y0 * s + x1) * c + k] & 0xFF) * fx;
                    double bottom =
                            (src[(y1 * s + x0) * c + k] & 0xFF) * (1 - fx)
                                    + (src[(y1 * s + x1) * c + k] & 0xFF) * fx;
                    out[(y * size + x) * c + k] = (byte) Math.round(top * (1 - fy) + bottom * fy);
                }
            }
        }
        return new Picture(size, size, c, out);
    }
}
