package io.framewise.search;

import io.framewise.pipeline.embed.Embedder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embeds queries with the documents' model, for the whole server: one engine (engines are not
 * thread-safe, so calls take turns) and a small cache, since typing sends the same prefixes again.
 */
final class QueryEmbedder implements AutoCloseable {

    private static final int CACHE = 512;

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
