package io.framewise.connectors.elasticsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.pipeline.rows.FailureRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of one parallel instance of {@link ElasticsearchSink}: buffers documents, sends them
 * with a {@link BulkSender} when the buffer is full, old, or a checkpoint comes, and hands rejected
 * documents to its {@link DeadLetters.Writer}.
 *
 * <p>Everything runs on the task's thread (the flush timer through the mailbox), so the buffer
 * needs no locks, and a blocking send holds the task back.
 */
final class ElasticsearchWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The stage of failure rows for rejected documents. */
    static final String STAGE = "elasticsearch";

    /** The code of failure rows for rejected documents. */
    static final String CODE = "es_rejected";

    private final ElasticsearchConfig config;
    private final DocumentMapper<T> documents;
    private final String alias;
    private final ElasticsearchConnection connection;
    private final BulkSender sender;
    private final DeadLetters.Writer deadLetters;
    private final ProcessingTimeService timers;
    private final long flushIntervalMs;

    private final List<BulkSender.Item> buffer = new ArrayList<>();
    private long bufferedBytes;
    private long oldestMs;
    private ScheduledFuture<?> timer;

    private final Counter sent;
    private final Counter sentBytes;
    private final Counter rejected;
    private final Counter retries;

    ElasticsearchWriter(ElasticsearchSink<T> sink, WriterInitContext context) throws IOException {
        this.config = sink.config();
        this.documents = sink.documents();
        this.alias = sink.index().alias(config);
        this.flushIntervalMs = config.bulkFlushInterval().toMillis();
        this.connection = ElasticsearchConnection.open(config);
        try {
            if (!connection.exists("/_alias/" + alias)) {
                throw new IllegalStateException(
                        "the Elasticsearch alias "
                                + alias
                                + " does not exist at "
                                + config.url()
                                + ": install the index templates before the job starts"
                                + " (IndexTemplates.install)");
            }
        } catch (IOException e) {
            connection.close();
            throw new IOException(
                    "Elasticsearch is not reachable at "
                            + config.url()
                            + ": "
                            + ElasticsearchConnection.describe(e),
                    e);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        this.sender =
                new BulkSender(
                        connection.client(),
                        config.url(),
                        alias,
                        config.maxRetries(),
                        new Backoff(config.initialBackoff(), config.maxBackoff()),
                        d -> Thread.sleep(d.toMillis()));
        this.deadLetters = sink.deadLetters().open(context.getTaskInfo().getIndexOfThisSubtask());
        SinkWriterMetricGroup metrics = context.metricGroup();
        this.sent = metrics.getNumRecordsSendCounter();
        this.sentBytes = metrics.getNumBytesSendCounter();
        this.rejected = metrics.counter("documentsRejected");
        this.retries = metrics.counter("bulkRetries");
        metrics.gauge("documentsBuffered", buffer::size);
        this.timers = context.getProcessingTimeService();
        schedule(timers.getCurrentProcessingTime() + flushIntervalMs);
    }

    @Override
    public void write(T row, Context context) throws IOException, InterruptedException {
        Document doc = documents.toDocument(row);
        BulkSender.Item item =
                new BulkSender.Item(doc.id(), doc.videoId(), JSON.writeValueAsBytes(doc.source()));
        if (buffer.isEmpty()) {
            oldestMs = timers.getCurrentProcessingTime();
        }
        buffer.add(item);
        bufferedBytes += item.bytes();
        if (buffer.size() >= config.bulkMaxActions() || bufferedBytes >= config.bulkMaxBytes()) {
            send();
        }
    }

    /** Called before every checkpoint and at the end of input: nothing stays buffered. */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        send();
        deadLetters.flush();
    }

    private void send() throws IOException, InterruptedException {
        if (buffer.isEmpty()) {
            return;
        }
        List<BulkSender.Item> batch = List.copyOf(buffer);
        long bytes = bufferedBytes;
        buffer.clear();
        bufferedBytes = 0;
        BulkSender.Outcome outcome = sender.send(batch, this::reject);
        sent.inc(outcome.indexed());
        sentBytes.inc(bytes);
        retries.inc(outcome.retries());
    }

    private void reject(BulkSender.Item item, int status, String type, String reason)
            throws IOException {
        rejected.inc();
        String message = ("HTTP " + status + " " + type + ": " + reason).replace('\n', ' ');
        LOG.warn("Elasticsearch rejected {} in {}: {}", item.id(), alias, message);
        deadLetters.add(
                new FailureRow(
                        item.videoId(),
                        "elasticsearch:" + alias + "/" + item.id(),
                        STAGE,
                        CODE,
                        message.length() > 1000 ? message.substring(0, 1000) + "..." : message,
                        System.currentTimeMillis()));
    }

    private void schedule(long at) {
        timer = timers.registerTimer(at, this::onTimer);
    }

    /** Sends a buffer that has waited the flush interval; runs in the task's mailbox. */
    private void onTimer(long now) throws IOException, InterruptedException {
        if (!buffer.isEmpty() && now - oldestMs >= flushIntervalMs) {
            send();
        }
        long next = buffer.isEmpty() ? now + flushIntervalMs : oldestMs + flushIntervalMs;
        schedule(Math.max(next, now + 1));
    }

    @Override
    public void close() throws Exception {
        if (timer != null) {
            timer.cancel(false);
        }
        try {
            deadLetters.close();
        } finally {
            connection.close();
        }
    }
}
