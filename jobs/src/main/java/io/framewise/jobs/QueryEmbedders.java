package io.framewise.jobs;

import io.framewise.pipeline.embed.Embedder;
import java.util.Properties;

/**
 * The embedder that turns search queries into vectors: it must be the one the indexing job embedded
 * the documents with. This build has no embedding engine yet, so there is none, and the search runs
 * by text (hybrid falls back to text, vector is refused); the DJL text embedder plugs in here.
 */
public final class QueryEmbedders {

    private QueryEmbedders() {}

    /** The query embedder for these settings, or null when this build has none. */
    public static Embedder.Factory fromSettings(Properties settings) {
        return null;
    }
}
