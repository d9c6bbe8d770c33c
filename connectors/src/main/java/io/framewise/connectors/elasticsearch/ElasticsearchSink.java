package io.framewise.connectors.elasticsearch;

import io.framewise.pipeline.rows.ClusterMemberRow;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.TranscriptRow;
import io.framewise.pipeline.rows.VideoRow;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Flink sink (Sink V2) that writes rows as documents into one of the search indices, through the
 * official Elasticsearch Java client.
 *
 * <p>Guarantees: at-least-once. Each writer buffers documents and sends a bulk request at {@code
 * es.bulk.max-actions} documents, {@code es.bulk.max-bytes} bytes or {@code
 * es.bulk.flush-interval}, whichever comes first, and always before a checkpoint completes ({@code
 * flush}); document ids come from the rows ({@code video/shot/frame}), so what a restart replays
 * overwrites itself (or merges in again) and never duplicates; see {@link Document.Write} for how
 * each index is written. Sending blocks, so a slow Elasticsearch slows the job (back-pressure);
 * 429, 5xx and connection errors are retried with exponential backoff; documents Elasticsearch
 * rejects (4xx) become rows of {@code failures} through the {@link DeadLetters}, never retried,
 * never dropped. The indices must exist: call {@link IndexTemplates#install} at job start (the
 * writer checks, and writes only through the alias).
 *
 * <pre>{@code
 * ElasticsearchConfig es = ElasticsearchConfig.from(settings);
 * try (ElasticsearchConnection c = ElasticsearchConnection.open(es)) {
 *     IndexTemplates.install(c);
 * }
 * frames.sinkTo(ElasticsearchSink.frames(es, ParquetDeadLetters.of(out))).name("frames index");
 * }</pre>
 *
 * @param <T> the row type
 */
public final class ElasticsearchSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final ElasticsearchConfig config;
    private final SearchIndex index;
    private final DocumentMapper<T> documents;
    private final DeadLetters deadLetters;

    private ElasticsearchSink(
            ElasticsearchConfig config,
            SearchIndex index,
            DocumentMapper<T> documents,
            DeadLetters deadLetters) {
        this.config = config;
        this.index = index;
        this.documents = documents;
        this.deadLetters = deadLetters;
    }

    /** Frames into {@code frames}, documents by {@link Documents#frame}. */
    public static ElasticsearchSink<FrameRow> frames(
            ElasticsearchConfig config, DeadLetters deadLetters) {
        return ElasticsearchSink.<FrameRow>builder()
                .config(config)
                .index(SearchIndex.FRAMES)
                .documents(Documents::frame)
                .deadLetters(deadLetters)
                .build();
    }

    /**
     * The cluster ids of shots onto their keyframes' documents in {@code frames}: one partial
     * update per keyframe, by {@link Documents#frameClusters}.
     *
     * <p>The frame documents come through {@link #frames}, another sink, so an update may arrive
     * first: it is retried with the usual backoff until the document is there, and recorded as a
     * failure row ({@code es_missing_document}) when it is still missing after {@code es.retry.max}
     * retries. It never creates the document: a frame document holding only a cluster id would be
     * found by searches with nothing to show. The frames sink merges its documents in rather than
     * replacing them, so a frame written (or replayed) after its cluster id keeps it.
     */
    public static ElasticsearchSink<ClusterMemberRow> frameClusters(
            ElasticsearchConfig config, DeadLetters deadLetters) {
        return ElasticsearchSink.<ClusterMemberRow>builder()
                .config(config)
                .index(SearchIndex.FRAMES)
                .documents(DocumentMapper.each(Documents::frameClusters))
                .deadLetters(deadLetters)
                .build();
    }

    /** Transcript segments into {@code transcripts}, documents by {@link Documents#transcript}. */
    public static ElasticsearchSink<TranscriptRow> transcripts(
            ElasticsearchConfig config, DeadLetters deadLetters) {
        return ElasticsearchSink.<TranscriptRow>builder()
                .config(config)
                .index(SearchIndex.TRANSCRIPTS)
                .documents(Documents::transcript)
                .deadLetters(deadLetters)
                .build();
    }

    /** Shots into {@code shots}, documents by {@link Documents#shot}. */
    public static ElasticsearchSink<ShotRow> shots(
            ElasticsearchConfig config, DeadLetters deadLetters) {
        return ElasticsearchSink.<ShotRow>builder()
                .config(config)
                .index(SearchIndex.SHOTS)
                .documents(Documents::shot)
                .deadLetters(deadLetters)
                .build();
    }

    /** Videos into {@code videos}, documents by {@link Documents#video}. */
    public static ElasticsearchSink<VideoRow> videos(
            ElasticsearchConfig config, DeadLetters deadLetters) {
        return ElasticsearchSink.<VideoRow>builder()
                .config(config)
                .index(SearchIndex.VIDEOS)
                .documents(Documents::video)
                .deadLetters(deadLetters)
                .build();
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    ElasticsearchConfig config() {
        return config;
    }

    SearchIndex index() {
        return index;
    }

    DocumentMapper<T> documents() {
        return documents;
    }

    DeadLetters deadLetters() {
        return deadLetters;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new ElasticsearchWriter<>(this, context);
    }

    /** Builds a sink; every part is required. */
    public static final class Builder<T> {
        private ElasticsearchConfig config;
        private SearchIndex index;
        private DocumentMapper<T> documents;
        private DeadLetters deadLetters;

        private Builder() {}

        public Builder<T> config(ElasticsearchConfig config) {
            this.config = config;
            return this;
        }

        public Builder<T> index(SearchIndex index) {
            this.index = index;
            return this;
        }

        public Builder<T> documents(DocumentMapper<T> documents) {
            this.documents = documents;
            return this;
        }

        /** Where rejected documents go; there is no default, so none is lost by omission. */
        public Builder<T> deadLetters(DeadLetters deadLetters) {
            this.deadLetters = deadLetters;
            return this;
        }

        public ElasticsearchSink<T> build() {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(index, "index");
            Objects.requireNonNull(documents, "documents");
            Objects.requireNonNull(deadLetters, "deadLetters");
            return new ElasticsearchSink<>(config, index, documents, deadLetters);
        }
    }
}
