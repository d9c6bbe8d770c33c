package io.framewise.dev.bench;

import io.framewise.pipeline.rows.FrameRow;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Generated frame documents for the search benchmark: deterministic from a seed, any one of them
 * made on its own (so a Flink source and a plain loop make the same documents).
 *
 * <p>Vectors cluster the way embeddings of real text do: each frame belongs to one of {@link
 * #TOPICS} topics (skewed: some topics are common), its vector is the topic's centroid plus
 * Gaussian noise of the same norm, normalised (same-topic cosine about 0.5). Its text is words of
 * its topic's vocabulary and of a common one. Queries are drawn the same way, so they fall near
 * documents without being any of them.
 */
public final class GeneratedFrames implements Serializable {

    private static final long serialVersionUID = 1L;

    static final int TOPICS = 200;
    static final int TOPIC_WORDS = 40;
    static final int COMMON_WORDS = 2000;
    static final int FRAMES_PER_VIDEO = 500;

    private final long seed;
    private final int dims;
    private transient float[][] centroids;

    public GeneratedFrames(long seed, int dims) {
        this.seed = seed;
        this.dims = dims;
    }

    public int dims() {
        return dims;
    }

    /** A generated frame: its row and its text vector. */
    public record Frame(FrameRow row, float[] vector) implements Serializable {}

    /** A generated query: words and the vector its embedding would be. */
    public record Query(String text, float[] vector) {}

    public Frame frame(long i) {
        SplittableRandom r = new SplittableRandom(seed * 31 + i * 0x9E3779B97F4A7C15L);
        int topic = topic(r);
        StringBuilder text = new StringBuilder();
        int words = 6 + r.nextInt(9);
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                text.append(' ');
            }
            text.append(r.nextBoolean() ? topicWord(topic, r) : word(r.nextInt(COMMON_WORDS)));
        }
        long video = i / FRAMES_PER_VIDEO;
        long frame = (i % FRAMES_PER_VIDEO) * 30;
        int shot = (int) ((i % FRAMES_PER_VIDEO) / 10);
        long ms = frame * 1000 / 30;
        FrameRow row =
                new FrameRow(
                        "bench-" + video,
                        shot,
                        frame,
                        ms,
                        String.format(
                                "%02d:%02d:%02d:%02d",
                                ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, frame % 30),
                        r.nextLong(),
                        r.nextDouble(),
                        r.nextDouble() * 500,
                        r.nextDouble() * 255,
                        true,
                        text.toString(),
                        (float) r.nextDouble(),
                        30.0,
                        1.0,
                        0.0,
                        0.0,
                        0,
                        0.0,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "keyframes/bench-" + video + "/" + shot + "-" + frame + ".jpg",
                        null,
                        null,
                        1_763_700_000_000L + i);
        return new Frame(row, near(topic, r));
    }

    public Query query(long i) {
        SplittableRandom r = new SplittableRandom(~seed * 17 + i * 0xBF58476D1CE4E5B9L);
        int topic = topic(r);
        String text =
                topicWord(topic, r)
                        + " "
                        + topicWord(topic, r)
                        + " "
                        + word(r.nextInt(COMMON_WORDS));
        return new Query(text, near(topic, r));
    }

    private static int topic(SplittableRandom r) {
        // Squaring skews towards low topic numbers: a few common topics, a long tail.
        double u = r.nextDouble();
        return (int) (u * u * TOPICS);
    }

    private String topicWord(int topic, SplittableRandom r) {
        return word(COMMON_WORDS + topic * TOPIC_WORDS + r.nextInt(TOPIC_WORDS));
    }

    /** A pronounceable made-up word per number, e.g. "bakiro". */
    static String word(int n) {
        String consonants = "bdfgklmnprstvz";
        String vowels = "aeiou";
        StringBuilder w = new StringBuilder();
        int x = n + 1;
        do {
            w.append(consonants.charAt(x % consonants.length()));
            x /= consonants.length();
            w.append(vowels.charAt(x % vowels.length()));
            x /= vowels.length();
        } while (x > 0);
        return w.toString();
    }

    private float[] near(int topic, SplittableRandom r) {
        float[] c = centroids()[topic];
        float[] v = new float[dims];
        double scale = 1 / Math.sqrt(dims);
        for (int d = 0; d < dims; d++) {
            v[d] = (float) (c[d] + gaussian(r) * scale);
        }
        return normalise(v);
    }

    private float[][] centroids() {
        if (centroids == null) {
            SplittableRandom r = new SplittableRandom(seed);
            float[][] cs = new float[TOPICS][dims];
            for (float[] c : cs) {
                for (int d = 0; d < dims; d++) {
                    c[d] = (float) gaussian(r);
                }
                normalise(c);
            }
            centroids = cs;
        }
        return centroids;
    }

    private static double gaussian(SplittableRandom r) {
        return r.nextGaussian();
    }

    static float[] normalise(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float inv = (float) (1 / Math.sqrt(n));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }
}
