package io.framewise.udfs.embed;

import io.framewise.pipeline.embed.ImageEmbedder;
import io.framewise.pipeline.frames.Picture;
import io.framewise.udfs.frames.Pictures;
import java.util.ArrayList;
import java.util.List;

/**
 * The image vector when no image model is configured: a cheap, documented visual descriptor
 * ({@value #MODEL}, {@value #DIMS} dimensions), so that "more like this frame" works without a
 * neural network.
 *
 * <p>On the picture area-averaged to at most {@value #WIDTH} pixels wide, three parts, each
 * L2-normalised, then weighted {@code sqrt(1/2)}, {@code sqrt(1/4)} and {@code sqrt(1/4)}, so that
 * the whole vector has unit length and the cosine of two descriptors is {@code 0.5 * colour + 0.25
 * * layout + 0.25 * edges} (the parts' cosines):
 *
 * <ol>
 *   <li>colour (64): a joint RGB histogram with 4 levels per channel ({@code v >> 6}), as shares of
 *       the pixels, square-rooted (so that the cosine of two histograms is their Bhattacharyya
 *       coefficient);
 *   <li>layout (64): the luma area-averaged to 8x8 (aspect ignored), less its mean;
 *   <li>edges (32): gradient orientations (Sobel, 8 bins over 0-180 degrees, weighted by magnitude)
 *       in each quarter of the picture.
 * </ol>
 *
 * A flat part (a uniform picture's layout or edges) is zero, and the vector is normalised again so
 * that it keeps unit length.
 */
public final class VisualDescriptor implements ImageEmbedder {

    public static final String MODEL = "colour-structure-v1";
    public static final int DIMS = 160;
    static final int WIDTH = 160;

    /** The parts' shares of the cosine: colour counts most when frames are compared by eye. */
    static final double COLOUR_WEIGHT = 0.5;

    static final double LAYOUT_WEIGHT = 0.25;
    static final double EDGES_WEIGHT = 0.25;

    /** A serializable factory for operators. */
    public static ImageEmbedder.Factory factory() {
        return VisualDescriptor::new;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public int dims() {
        return DIMS;
    }

    @Override
    public List<float[]> embed(List<Picture> pictures) {
        List<float[]> out = new ArrayList<>(pictures.size());
        for (Picture p : pictures) {
            out.add(describe(p));
        }
        return out;
    }

    /** The descriptor of one picture (grey or BGR). */
    static float[] describe(Picture picture) {
        Picture small = Pictures.fitWidth(picture, WIDTH);
        float[] colour = colour(small);
        Picture grey = Pictures.grey(small);
        float[] layout = layout(grey);
        float[] edges = edges(grey);
        float[] v = new float[DIMS];
        put(colour, COLOUR_WEIGHT, v, 0);
        put(layout, LAYOUT_WEIGHT, v, 64);
        put(edges, EDGES_WEIGHT, v, 128);
        Pooling.normalize(v);
        return v;
    }

    private static void put(float[] part, double weight, float[] v, int at) {
        float w = (float) Math.sqrt(weight);
        for (int i = 0; i < part.length; i++) {
            v[at + i] = part[i] * w;
        }
    }

    static float[] colour(Picture p) {
        float[] h = new float[64];
        byte[] px = p.pixels();
        int n = p.width() * p.height();
        for (int i = 0; i < n; i++) {
            int b;
            int g;
            int r;
            if (p.channels() == 3) {
                b = px[3 * i] & 0xFF;
                g = px[3 * i + 1] & 0xFF;
                r = px[3 * i + 2] & 0xFF;
            } else {
                r = g = b = px[i] & 0xFF;
            }
            h[(r >> 6) * 16 + (g >> 6) * 4 + (b >> 6)]++;
        }
        for (int i = 0; i < h.length; i++) {
            h[i] = (float) Math.sqrt(h[i] / n);
        }
        Pooling.normalize(h);
        return h;
    }

    static float[] layout(Picture grey) {
        int w = Math.min(8, grey.width());
        int h = Math.min(8, grey.height());
        Picture cells = Pictures.resizeArea(grey, w, h);
        float[] v = new float[64];
        double mean = 0;
        for (int i = 0; i < w * h; i++) {
            mean += cells.pixels()[i] & 0xFF;
        }
        mean /= w * h;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * 8 + x] = (float) ((cells.pixels()[y * w + x] & 0xFF) - mean);
            }
        }
        Pooling.normalize(v);
        return v;
    }

    static float[] edges(Picture grey) {
        int w = grey.width();
        int h = grey.height();
        byte[] y = grey.pixels();
        float[] v = new float[32];
        for (int r = 1; r < h - 1; r++) {
            for (int c = 1; c < w - 1; c++) {
                int i = r * w + c;
                int gx =
                        (y[i - w + 1] & 0xFF)
                                + 2 * (y[i + 1] & 0xFF)
                                + (y[i + w + 1] & 0xFF)
                                - (y[i - w - 1] & 0xFF)
                                - 2 * (y[i - 1] & 0xFF)
                                - (y[i + w - 1] & 0xFF);
                int gy =
                        (y[i + w - 1] & 0xFF)
                                + 2 * (y[i + w] & 0xFF)
                                + (y[i + w + 1] & 0xFF)
                                - (y[i - w - 1] & 0xFF)
                                - 2 * (y[i - w] & 0xFF)
                                - (y[i - w + 1] & 0xFF);
                double magnitude = Math.sqrt((double) gx * gx + (double) gy * gy);
                if (magnitude == 0) {
                    continue;
                }
                double angle = Math.atan2(gy, gx);
                if (angle < 0) {
                    angle += Math.PI;
                }
                int bin = Math.min(7, (int) (angle / Math.PI * 8));
                int quarter = (r * 2 / h) * 2 + (c * 2 / w);
                v[quarter * 8 + bin] += (float) magnitude;
            }
        }
        Pooling.normalize(v);
        return v;
    }

    @Override
    public void close() {}
}
