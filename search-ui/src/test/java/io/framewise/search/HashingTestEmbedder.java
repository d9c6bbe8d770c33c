package io.framewise.search;

import io.framewise.pipeline.embed.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A TEST ENGINE, not a model: a hashed bag of words, L2-normalised. Texts that share words get
 * close vectors, deterministically, with no model file; it knows nothing of meaning (a paraphrase
 * with other words is not close). Tests use it to exercise vector and hybrid search; the product
 * embeds with the real model (DJL).
 */
public final class HashingTestEmbedder implements Embedder {

    static final int DIMS = 64;

    /** The words this engine knows whole ({@link #knowsWord}), or null for every word. */
    private final Set<String> vocabulary;

    public HashingTestEmbedder() {
        this(null);
    }

    /**
     * An engine that knows only {@code vocabulary}'s words (lower case), as a model's tokenizer.
     */
    public HashingTestEmbedder(Set<String> vocabulary) {
        this.vocabulary = vocabulary == null ? null : Set.copyOf(vocabulary);
    }

    public static Embedder.Factory factory() {
        return HashingTestEmbedder::new;
    }

    @Override
    public String model() {
        return "test-hashed-words-" + DIMS;
    }

    @Override
    public int dims() {
        return DIMS;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(vector(t));
        }
        return out;
    }

    static float[] vector(String text) {
        float[] v = new float[DIMS];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.isEmpty()) {
                continue;
            }
            int h = word.hashCode() * 0x9E3779B1;
            v[Math.floorMod(h, DIMS)] += (h >>> 31) == 0 ? 1 : -1;
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            v[0] = 1;
            return v;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < DIMS; i++) {
            v[i] *= inv;
        }
        return v;
    }

    @Override
    public boolean knowsWord(String word) {
        return vocabulary == null || vocabulary.contains(word.toLowerCase(Locale.ROOT));
    }

    @Override
    public void close() {}
}
