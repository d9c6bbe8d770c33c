package io.framewise.beam;

import io.framewise.connectors.elasticsearch.BulkDocumentWriter;
import io.framewise.connectors.elasticsearch.DocumentMapper;
import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.elasticsearch.SearchIndex;
import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.rows.FailureRow;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Instant;

/**
 * Writes rows into one search index with the connectors' own {@link BulkDocumentWriter}: the same
 * document ids, bodies, bulk limits and retries as the Flink job's Elasticsearch sink. Documents go
 * in bulk requests of up to {@code es.bulk.max-actions} within a bundle, the rest when the bundle
 * finishes, so a bundle is done only once Elasticsearch has all its documents (a bundle retried by
 * the runner writes them again under the same ids). The output is the {@code failures} rows of the
 * documents Elasticsearch rejected: nothing is dropped.
 *
 * @param <T> the row type
 */
final class IndexDocumentsFn<T> extends DoFn<T, FailureRow> {

    private final ElasticsearchConfig config;
    private final SearchIndex index;
    private final DocumentMapper<T> documents;
    private final Counter indexed;
    private final Counter rejected = BeamMetrics.counter(FramewiseMetrics.ES_REJECTIONS);
    private final Distribution bulkMs = BeamMetrics.distribution(FramewiseMetrics.ES_BULK_MS);
    private transient BulkDocumentWriter<T> writer;
    private transient Instant pendingTime;
    private transient BoundedWindow pendingWindow;

    IndexDocumentsFn(ElasticsearchConfig config, SearchIndex index, DocumentMapper<T> documents) {
        this.config = config;
        this.index = index;
        this.documents = documents;
        this.indexed = BeamMetrics.counter("esIndexed." + index.shortName());
    }

    @Setup
    public void setup() throws IOException {
        writer = BulkDocumentWriter.open(config, index, documents);
    }

    @ProcessElement
    public void process(
            @Element T row,
            @Timestamp Instant time,
            BoundedWindow window,
            OutputReceiver<FailureRow> out)
            throws IOException, InterruptedException {
        if (writer.buffered() == 0) {
            pendingTime = time;
            pendingWindow = window;
        }
        BulkDocumentWriter.Totals before = writer.totals();
        long start = System.nanoTime();
        List<FailureRow> failures = writer.add(row);
        counted(before, start);
        failures.forEach(out::output);
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) throws IOException, InterruptedException {
        if (writer.buffered() == 0) {
            return;
        }
        BulkDocumentWriter.Totals before = writer.totals();
        long start = System.nanoTime();
        Consumer<FailureRow> out = f -> context.output(f, pendingTime, pendingWindow);
        writer.flush().forEach(out);
        counted(before, start);
    }

    /** The metrics of the bulk request the last call sent, if it sent one. */
    private void counted(BulkDocumentWriter.Totals before, long startNanos) {
        BulkDocumentWriter.Totals after = writer.totals();
        if (after.requests() == before.requests()) {
            return;
        }
        bulkMs.update((System.nanoTime() - startNanos) / 1_000_000);
        indexed.inc(after.indexed() - before.indexed());
        rejected.inc(after.rejected() - before.rejected());
    }

    @Teardown
    public void teardown() {
        if (writer != null) {
            writer.close();
        }
    }
}
