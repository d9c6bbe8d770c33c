package io.framewise.udfs.aggregate;

import io.framewise.pipeline.aggregate.AggregateConfig;
import io.framewise.pipeline.aggregate.ShotFeatures;
import java.util.List;

/**
 * How alike two shots are, 0-1, and the vector shots are clustered on: a weighted mix of the visual
 * vectors' cosine, the colour histograms' Bhattacharyya coefficient and the texts' similarity (text
 * vectors' cosine, else the overlap of their words).
 *
 * <p>A part that one of the two shots lacks (text, mostly) is left out and the other weights share
 * its weight, so that a shot without text is not unlike one with text for that reason alone.
 */
final class ShotSimilarity {

    private final double visual;
    private final double colour;
    private final double text;

    ShotSimilarity(AggregateConfig config) {
        this.visual = config.visualWeight();
        this.colour = config.colourWeight();
        this.text = config.textWeight();
    }

    double of(ShotFeatures a, ShotFeatures b) {
        double looks =
                a.visual().length == b.visual().length
                        ? Math.max(0, Vectors.cosine(a.visual(), b.visual()))
                        : 0;
        double sum = visual * looks + colour * Vectors.bhattacharyya(a.colours(), b.colours());
        double weights = visual + colour;
        double t = textSimilarity(a, b);
        if (t >= 0 && text > 0) {
            sum += text * t;
            weights += text;
        }
        return weights == 0 ? 0 : sum / weights;
    }

    /** The texts' similarity, 0-1, or -1 when either shot has no text. */
    private static double textSimilarity(ShotFeatures a, ShotFeatures b) {
        if (a.textVector() != null
                && b.textVector() != null
                && a.textVector().length == b.textVector().length) {
            return Math.max(0, Vectors.cosine(a.textVector(), b.textVector()));
        }
        return Words.overlap(a.text(), b.text());
    }

    /**
     * The text vectors' length among {@code shots} (the first one found), or 0 when none has one;
     * clustering vectors of one window all use this length.
     */
    static int textDims(List<ShotFeatures> shots) {
        for (ShotFeatures s : shots) {
            if (s.textVector() != null) {
                return s.textVector().length;
            }
        }
        return 0;
    }

    /** The visual vectors' length among {@code shots} (the first shot's). */
    static int visualDims(List<ShotFeatures> shots) {
        return shots.isEmpty() ? 0 : shots.get(0).visual().length;
    }

    /**
     * The unit vector a shot is clustered on: its visual vector, the square roots of its colour
     * shares and its text vector (zeros when it has none, or one of another length than the
     * window's), each of unit length and scaled by the square root of its weight, so that the dot
     * product of two is the weighted mix of the parts' similarities; then scaled to unit length as
     * a whole.
     */
    float[] clusteringVector(ShotFeatures s, int visualDims, int textDims) {
        int v = visualDims;
        int c = s.colours().length;
        float[] out = new float[v + c + textDims];
        // A vector of another length (another model's) cannot be compared: it counts as none.
        double nv = s.visual().length == v ? Vectors.norm(s.visual()) : 0;
        for (int i = 0; i < v && nv > 0; i++) {
            out[i] = (float) (s.visual()[i] / nv * Math.sqrt(visual));
        }
        for (int i = 0; i < c; i++) {
            out[v + i] = (float) (Math.sqrt(Math.max(0, s.colours()[i])) * Math.sqrt(colour));
        }
        float[] tv = s.textVector();
        if (textDims > 0 && tv != null && tv.length == textDims) {
            double nt = Vectors.norm(tv);
            for (int i = 0; i < textDims && nt > 0; i++) {
                out[v + c + i] = (float) (tv[i] / nt * Math.sqrt(text));
            }
        }
        double n = Vectors.norm(out);
        if (n > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] /= (float) n;
            }
        }
        return out;
    }
}
