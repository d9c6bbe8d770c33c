package io.framewise.udfs.frames;

import io.framewise.pipeline.frames.Picture;
import java.util.Random;

/** Pictures drawn in code for the unit tests. */
final class SyntheticPictures {

    private SyntheticPictures() {}

    static Picture flat(int w, int h, int grey) {
        byte[] p = new byte[w * h];
        java.util.Arrays.fill(p, (byte) grey);
        return new Picture(w, h, 1, p);
    }

    /** Black and white squares of {@code cell} pixels, levels {@code low} and {@code high}. */
    static Picture checker(int w, int h, int cell, int low, int high) {
        byte[] p = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                p[y * w + x] = (byte) (((x / cell + y / cell) % 2 == 0) ? low : high);
            }
        }
        return new Picture(w, h, 1, p);
    }

    /** A smooth random landscape of blobs, BGR, different for each seed. */
    static Picture scene(int w, int h, long seed) {
        Random r = new Random(seed);
        double[][] blobs = new double[12][];
        for (int i = 0; i < blobs.length; i++) {
            blobs[i] =
                    new double[] {
                        r.nextDouble() * w,
                        r.nextDouble() * h,
                        0.05 + 0.2 * r.nextDouble(),
                        r.nextDouble() * 200 - 100,
                        r.nextDouble() * 200 - 100,
                        r.nextDouble() * 200 - 100
                    };
        }
        byte[] p = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double[] c = {128, 128, 128};
                for (double[] b : blobs) {
                    double dx = (x - b[0]) / w;
                    double dy = (y - b[1]) / h;
                    double g = Math.exp(-(dx * dx + dy * dy) / (b[2] * b[2]));
                    for (int k = 0; k < 3; k++) {
                        c[k] += g * b[3 + k];
                    }
                }
                for (int k = 0; k < 3; k++) {
                    p[(y * w + x) * 3 + k] = (byte) Math.max(0, Math.min(255, (int) c[k]));
                }
            }
        }
        return new Picture(w, h, 3, p);
    }

    /** {@code picture} with {@code delta} added to every byte, clipped. */
    static Picture brighter(Picture picture, int delta) {
        byte[] p = picture.pixels().clone();
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) Math.max(0, Math.min(255, (p[i] & 0xFF) + delta));
        }
        return new Picture(picture.width(), picture.height(), picture.channels(), p);
    }

    /** Box blur of radius 2 on a grey picture. */
    static Picture blurred(Picture grey) {
        int w = grey.width();
        int h = grey.height();
        byte[] src = grey.pixels();
        byte[] out = new byte[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sum = 0;
                int n = 0;
                for (int dy = -2; dy <= 2; dy++) {
                    for (int dx = -2; dx <= 2; dx++) {
                        int yy = y + dy;
                        int xx = x + dx;
                        if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                            sum += src[yy * w + xx] & 0xFF;
                            n++;
                        }
                    }
                }
                out[y * w + x] = (byte) (sum / n);
            }
        }
        return new Picture(w, h, 1, out);
    }
}
