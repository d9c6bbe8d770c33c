package io.framewise.search;

import io.framewise.pipeline.embed.Embedder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Embeds queries with the documents' model, for the whole server: one engine (engines are not
 * thread-safe, so calls take turns) and a small cache, since typing sends the same prefixes again.
 */
final class QueryEmbedder implements AutoCloseable {

    private static final int CACHE = 512;

    /** Share of a query's words the model must know for its meaning to be searched. */
    static final double MIN_KNOWN_SHARE = 0.5;

    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    private final Embedder embedder;
    private final Map<String, float[]> cache =
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                    return size() > CACHE;
                }
            };

    QueryEmbedder(Embedder.Factory factory) {
        this.embedder = factory.create();
    }

    int dims() {
        return embedder.dims();
    }

    String model() {
        return embedder.model();
    }

    /**
     * Whether the model can give {@code query} a meaning: at least {@link #MIN_KNOWN_SHARE} of its
     * words are whole words of the model's vocabulary. Gibberish is made of words the model only
     * knows as fragments, and its vector lands near some frame by chance, as near as a real
     * paraphrase lands near its own (reference corpus: {@code qwpfj vnmzx krrtl} reached a cosine
     * of 0.35 to a slide, {@code colour change between consecutive images} 0.22 to its own), so no
     * cosine floor alone tells them apart. Digits and punctuation are no words; a query of none has
     * no meaning either: its words, if shown, are found by text.
     */
    synchronized boolean meaningful(String query) {
        int words = 0;
        int known = 0;
        Matcher m = WORD.matcher(query.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words++;
            if (embedder.knowsWord(m.group())) {
                known++;
            }
        }
        return words > 0 && known >= MIN_KNOWN_SHARE * words;
    }

    synchronized float[] embed(String query) {
        float[] v = cache.get(query);
        if (v == null) {
            v = embedder.embed(List.of(query)).get(0);
            cache.put(query, v);
        }
        return v;
    }

    @Override
    public synchronized void close() {
        embedder.close();
    }
}
