package io.framewise.udfs.shots;

import io.framewise.pipeline.shots.SegmentFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds signature sequences by hand, and their features, for tests without any video.
 *
 * <p>Pictures are built on the signature's fine grid. A picture is a flat colour with a bright
 * stripe (text-like structure) at a column of its own; dissolves blend whole pictures cell by cell,
 * as a real dissolve blends pixels. Each coarse cell gets Gaussian noise of {@link #NOISE} levels,
 * about what area-averaged cells of the reference corpus's noisy still shots show (their
 * frame-to-frame distance is 0.1-0.2).
 */
final class SyntheticSeries {

    static final int W = 16;
    static final int H = 9;
    static final double NOISE = 0.2;

    /** The fine grid: {@link Signature#FINE} cells a side per coarse cell. */
    private static final int F = Signature.FINE;

    private static final int FW = F * W;
    private static final int FH = F * H;

    private final List<byte[]> signatures = new ArrayList<>();
    private final Random random = new Random(42);
    private double[] last;

    /** {@code frames} frames of one still picture. */
    SyntheticSeries still(int frames, int luma, int cb, int cr) {
        double[] picture = picture(luma, cb, cr);
        for (int i = 0; i < frames; i++) {
            add(picture);
        }
        return this;
    }

    /**
     * {@code frames} frames of a flat grey picture with text-like strokes (80 levels brighter) in
     * the given coarse columns of coarse rows {@code fromRow} to {@code toRow - 1}. Each stroke
     * fills one fine cell of its coarse cell, the top left one or, with {@code other}, the bottom
     * right one: the coarse grid is the same either way, as it is for two lines of text in the same
     * place, and only the fine grid sees the text change.
     */
    SyntheticSeries text(
            int frames, int luma, boolean other, int fromRow, int toRow, int... columns) {
        double[] picture = new double[3 * FW * FH];
        for (int i = 0; i < FW * FH; i++) {
            picture[i] = luma;
            picture[FW * FH + i] = 128;
            picture[2 * FW * FH + i] = 128;
        }
        int at = other ? F - 1 : 0;
        for (int row = fromRow; row < toRow; row++) {
            for (int column : columns) {
                picture[(row * F + at) * FW + column * F + at] += 80;
            }
        }
        for (int i = 0; i < frames; i++) {
            add(picture);
        }
        return this;
    }

    /** A linear blend from the last picture to a new one over {@code frames} frames. */
    SyntheticSeries dissolveTo(int frames, int luma, int cb, int cr) {
        double[] from = last;
        double[] to = picture(luma, cb, cr);
        for (int i = 1; i <= frames; i++) {
            double a = (double) i / (frames + 1);
            double[] blend = new double[from.length];
            for (int k = 0; k < blend.length; k++) {
                blend[k] = from[k] + a * (to[k] - from[k]);
            }
            add(blend);
        }
        last = to;
        return this;
    }

    private static double[] picture(int luma, int cb, int cr) {
        double[] yuv = new double[3 * FW * FH];
        int stripe = (luma / 16) % W;
        for (int i = 0; i < FW * FH; i++) {
            yuv[i] = luma + ((i % FW) / F == stripe ? 60 : 0);
            yuv[FW * FH + i] = cb;
            yuv[2 * FW * FH + i] = cr;
        }
        return yuv;
    }

    /** Adds a frame of the fine grid, each fine cell with noise. */
    private void add(double[] picture) {
        last = picture;
        byte[] yuv = new byte[picture.length];
        for (int i = 0; i < picture.length; i++) {
            double v = picture[i] + random.nextGaussian() * NOISE * F;
            yuv[i] = (byte) Math.max(0, Math.min(255, Math.round(v)));
        }
        signatures.add(Signature.of(yuv, W, H));
    }

    List<byte[]> signatures() {
        return signatures;
    }

    /** The features of frames {@code from..to-1}, as a segment decoder would make them. */
    SegmentFeatures segment(int index, int from, int to) {
        FeatureExtractor extractor = new FeatureExtractor();
        float[] values = new float[(to - from) * Features.COUNT];
        long[] pts = new long[to - from];
        for (int i = from; i < to; i++) {
            extractor.next(signatures.get(i), values, (i - from) * Features.COUNT);
            pts[i - from] = i * 512L;
        }
        List<byte[]> mine = signatures.subList(from, to);
        byte[][] head =
                mine.subList(0, Math.min(Features.LOOK_BACK, mine.size())).toArray(new byte[0][]);
        byte[][] tail =
                mine.subList(Math.max(0, mine.size() - Features.LOOK_BACK), mine.size())
                        .toArray(new byte[0][]);
        return new SegmentFeatures(index, pts, values, Features.COUNT, head, tail);
    }

    FeatureSeries series() {
        return FeatureSeries.join(List.of(segment(0, 0, signatures.size())));
    }
}
