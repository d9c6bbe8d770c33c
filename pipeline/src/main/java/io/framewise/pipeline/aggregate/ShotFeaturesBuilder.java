package io.framewise.pipeline.aggregate;

import io.framewise.pipeline.frames.ColourHistogram;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.TextRow;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives a shot's {@link ShotFeatures} from the rows the job writes for it: its {@code shots} row,
 * its keyframes' {@code frames} rows (with each keyframe's colour histogram) and its {@code texts}
 * rows.
 *
 * <p>The visual vector is the mean of the keyframes' image vectors ({@code frames.image_vector}),
 * the text the shot's on-screen texts with its keyframes' descriptions and tags, the cost the sum
 * of what describing its keyframes cost.
 */
public final class ShotFeaturesBuilder {

    private ShotFeaturesBuilder() {}

    /**
     * The features of {@code shot}.
     *
     * @param frames the shot's keyframes, at least one
     * @param colours each keyframe's {@link ColourHistogram}, in the order of {@code frames}; an
     *     entry may be null
     * @param costs what describing each keyframe cost, in the order of {@code frames}; an entry is
     *     null when it was not described or has no price
     * @param texts the shot's merged texts
     * @param eventTime the time the shot's windows are chosen by
     */
    public static ShotFeatures of(
            String org,
            String videoUri,
            long eventTime,
            ShotRow shot,
            int shotsOfVideo,
            List<FrameRow> frames,
            List<float[]> colours,
            List<Double> costs,
            List<TextRow> texts) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("shot " + shot.shotIndex() + " has no keyframes");
        }
        FrameRow best = frames.get(0);
        double[] qualities = new double[frames.size()];
        long[] phashes = new long[frames.size()];
        long[] frameNumbers = new long[frames.size()];
        List<float[]> images = new ArrayList<>();
        List<float[]> hashes = new ArrayList<>();
        List<float[]> histograms = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            FrameRow f = frames.get(i);
            qualities[i] = f.quality();
            phashes[i] = f.phash();
            frameNumbers[i] = f.frame();
            if (f.quality() > best.quality()) {
                best = f;
            }
            if (f.imageVector() != null) {
                images.add(normalised(f.imageVector()));
            }
            hashes.add(phashVector(f.phash()));
            if (colours.get(i) != null) {
                histograms.add(colours.get(i));
            }
        }
        // The keyframes' image vectors when every one has one, of one length (one model); else
        // (an embedding failed) their pHashes, which every keyframe has.
        boolean allImages =
                images.size() == frames.size()
                        && images.stream().allMatch(v -> v.length == images.get(0).length);
        float[] visual = mean(allImages ? images : hashes, true);
        float[] colour =
                histograms.isEmpty() ? new float[ColourHistogram.BINS] : mean(histograms, false);
        List<String> lines = new ArrayList<>();
        for (TextRow t : texts) {
            lines.add(t.text());
        }
        // What the vision LLM said the keyframes show counts as the shot's text too.
        for (FrameRow f : frames) {
            if (f.description() != null && !f.description().isBlank()) {
                lines.add(f.description());
            }
            if (f.tags() != null && !f.tags().isEmpty()) {
                lines.add(String.join(", ", f.tags()));
            }
        }
        String text = lines.isEmpty() ? null : String.join("\n", lines);
        // Text vectors are added to the frames rows after assembly (EmbedFrames), so none is here
        // yet; building the features after that operator would give the normalised mean of the
        // keyframes' f.textVector().
        float[] textVector = null;
        Double enrichmentCost = null;
        for (Double cost : costs) {
            if (cost != null) {
                enrichmentCost = (enrichmentCost == null ? 0 : enrichmentCost) + cost;
            }
        }
        return new ShotFeatures(
                org,
                shot.videoId(),
                videoUri,
                eventTime,
                shot.shotIndex(),
                shotsOfVideo,
                shot.startMs(),
                shot.endMs(),
                best.keyframeUri(),
                phashes,
                qualities,
                visual,
                colour,
                text,
                textVector,
                enrichmentCost,
                frameNumbers);
    }

    /**
     * A 64-bit perceptual hash as a unit vector of ±1/8 per bit, so that the cosine of two is
     * {@code 1 - 2 * hamming / 64}: 1 for the same hash, about 0 for unrelated pictures.
     */
    public static float[] phashVector(long phash) {
        float[] v = new float[64];
        for (int bit = 0; bit < 64; bit++) {
            v[bit] = ((phash >>> bit) & 1L) == 1L ? 0.125f : -0.125f;
        }
        return v;
    }

    private static float[] normalised(float[] v) {
        return mean(List.of(v), true);
    }

    /** The element-wise mean, scaled to unit length when {@code normalise}. */
    static float[] mean(List<float[]> vectors, boolean normalise) {
        float[] m = new float[vectors.get(0).length];
        for (float[] v : vectors) {
            for (int i = 0; i < m.length; i++) {
                m[i] += v[i] / vectors.size();
            }
        }
        if (normalise) {
            double norm = 0;
            for (float x : m) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            if (norm > 0) {
                for (int i = 0; i < m.length; i++) {
                    m[i] /= (float) norm;
                }
            }
        }
        return m;
    }
}
