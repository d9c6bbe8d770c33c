package io.framewise.connectors.elasticsearch;

import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.remote.Outage;
import io.framewise.pipeline.rows.FailureRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes rows as documents into one search index in bulk requests, on the caller's thread, for an
 * engine that cuts the batches itself (a Beam DoFn flushes at the end of each bundle): the same
 * document ids and bodies ({@link DocumentMapper}, {@link Documents}), alias check, bulk limits
 * ({@code es.bulk.max-actions}, {@code es.bulk.max-bytes}), retries and failure rows as the Flink
 * sink ({@link ElasticsearchSink}), without Flink.
 *
 * <p>Nothing is dropped: {@link #add} and {@link #flush} return the failure rows of the documents
 * Elasticsearch rejected for good (the caller writes them to {@code failures}); a request that
 * still fails after {@code es.retry.max} retries is an {@link IOException}, and the caller's engine
 * retries or fails the work. One writer is used by one thread at a time.
 *
 * @param <T> the row type
 */
public final class BulkDocumentWriter<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BulkDocumentWriter.class);

    /** What the writer has done so far: documents indexed, rejected, and bulk retries. */
    public record Totals(long indexed, long rejected, long retries, long requests) {}

    private final ElasticsearchConfig config;
    private final DocumentMapper<T> documents;
    private final String alias;
    private final ElasticsearchConnection connection;
    private final BulkSender sender;
    private final List<BulkSender.Item> buffer = new ArrayList<>();
    private long bufferedBytes;
    private long indexed;
    private long rejected;
    private long retries;
    private long requests;

    private BulkDocumentWriter(
            ElasticsearchConfig config, SearchIndex index, DocumentMapper<T> documents)
            throws IOException {
        this.config = config;
        this.documents = documents;
        this.alias = index.alias(config);
        this.connection = BulkSender.connect(config, alias);
        Outage outage =
                Outage.of(
                        FramewiseMetrics.ELASTICSEARCH,
                        "Elasticsearch at " + config.url(),
                        BulkDocumentWriter.class);
        this.sender = BulkSender.of(connection, config, alias, outage);
    }

    /**
     * A writer into {@code index}'s alias, which must exist ({@link IndexTemplates#install}).
     *
     * @throws IOException when Elasticsearch cannot be reached, with the reason
     * @throws IllegalStateException when the alias is not there
     */
    public static <T> BulkDocumentWriter<T> open(
            ElasticsearchConfig config, SearchIndex index, DocumentMapper<T> documents)
            throws IOException {
        return new BulkDocumentWriter<>(config, index, documents);
    }

    /**
     * Buffers the documents of {@code row}; sends the buffer when it holds {@code
     * es.bulk.max-actions} documents or {@code es.bulk.max-bytes} bytes.
     *
     * @return the failure rows of the documents rejected by a send this call made
     */
    public List<FailureRow> add(T row) throws IOException, InterruptedException {
        List<FailureRow> failures = new ArrayList<>();
        for (Document doc : documents.toDocuments(row)) {
            BulkSender.Item item = BulkSender.item(doc);
            buffer.add(item);
            bufferedBytes += item.bytes();
            if (buffer.size() >= config.bulkMaxActions()
                    || bufferedBytes >= config.bulkMaxBytes()) {
                failures.addAll(flush());
            }
        }
        return failures;
    }

    /**
     * Sends what is buffered and waits for Elasticsearch's answer.
     *
     * @return the failure rows of the documents it rejected
     */
    public List<FailureRow> flush() throws IOException, InterruptedException {
        if (buffer.isEmpty()) {
            return List.of();
        }
        List<BulkSender.Item> batch = List.copyOf(buffer);
        buffer.clear();
        bufferedBytes = 0;
        List<FailureRow> failures = new ArrayList<>();
        BulkSender.Outcome outcome =
                sender.send(
                        batch,
                        (item, status, type, reason, attempt) -> {
                            String message = RejectedDocuments.message(status, type, reason);
                            LOG.warn(
                                    "Elasticsearch rejected {} in {}: {}",
                                    item.id(),
                                    alias,
                                    message);
                            failures.add(
                                    RejectedDocuments.failureRow(
                                            alias, item, status, type, message, attempt));
                        });
        indexed += outcome.indexed();
        rejected += outcome.rejected();
        retries += outcome.retries();
        requests++;
        return failures;
    }

    /** Documents buffered and not sent yet. */
    public int buffered() {
        return buffer.size();
    }

    public Totals totals() {
        return new Totals(indexed, rejected, retries, requests);
    }

    /** Closes the connection; what is still buffered is not sent ({@link #flush} first). */
    @Override
    public void close() {
        connection.close();
    }
}
