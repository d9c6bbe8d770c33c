package io.framewise.jobs;

import io.framewise.pipeline.embed.Embedder;
import io.framewise.pipeline.embed.EmbeddingConfig;
import io.framewise.pipeline.scores.ScoringConfig;
import io.framewise.udfs.embed.DjlTextEmbedder;
import java.util.Properties;

/**
 * The embedder that turns search queries into vectors: the one the indexing job embeds documents
 * with, from the same {@code embedding.*} and {@code scoring.*} settings, so that queries and
 * documents are comparable.
 */
public final class QueryEmbedders {

    private QueryEmbedders() {}

    /** The query embedder for these settings. */
    public static Embedder.Factory fromSettings(Properties settings) {
        return DjlTextEmbedder.factory(
                EmbeddingConfig.from(settings), ScoringConfig.from(settings));
    }
}
