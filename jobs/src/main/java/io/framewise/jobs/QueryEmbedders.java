package io.framewise.jobs;

import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.pipeline.embed.Embedder;
import io.framewise.udfs.embed.DjlTextEmbedder;

/**
 * The embedder that turns search queries into vectors: the one the indexing job embeds documents
 * with, from the same {@code embedding.*} and {@code scoring.*} settings, so that queries and
 * documents are comparable.
 */
public final class QueryEmbedders {

    private QueryEmbedders() {}

    /** The query embedder for this configuration. */
    public static Embedder.Factory of(FramewiseConfig config) {
        return DjlTextEmbedder.factory(config.embedding(), config.scoring());
    }
}
