package io.framewise.connectors.elasticsearch;

import io.framewise.pipeline.metrics.FramewiseMetrics;
import io.framewise.pipeline.remote.Outage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of one parallel instance of {@link ElasticsearchSink}: buffers documents, sends them
 * with a {@link BulkSender} when the buffer is full or old, and waits for every request in flight
 * before a checkpoint; rejected documents go to its {@link DeadLetters.Writer}.
 *
 * <p>Up to {@code es.bulk.concurrent-requests} bulk requests are in flight on the writer's own
 * threads while the task fills the next batch; one more batch waits for a free slot (the task
 * blocks there: back-pressure). What those threads learn (rejections, counts, a failure) comes back
 * to the task thread through queues and is handled there, so the buffer, the dead-letter writer and
 * the metrics are only ever touched by the task's thread (the flush timer runs in its mailbox).
 */
final class ElasticsearchWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchWriter.class);

    /** A rejected document as a sending thread saw it. */
    private record Rejection(
            BulkSender.Item item, int status, String type, String reason, int attempt) {}

    private final ElasticsearchConfig config;
    private final DocumentMapper<T> documents;
    private final String alias;
    private final ElasticsearchConnection connection;
    private final BulkSender sender;
    private final Outage outage;
    private final DeadLetters.Writer deadLetters;
    private final ProcessingTimeService timers;
    private final long flushIntervalMs;

    private final int slots;
    private final Semaphore inFlight;
    private final ExecutorService threads;
    private final Queue<Rejection> rejections = new ConcurrentLinkedQueue<>();
    private final Queue<Sent> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private final List<BulkSender.Item> buffer = new ArrayList<>();
    private long bufferedBytes;
    private long oldestMs;
    private ScheduledFuture<?> timer;

    private final Counter sent;
    private final Counter sentBytes;
    private final Counter rejected;
    private final Counter retries;
    private final Counter framewiseRejected;
    private final Histogram bulkMs;

    ElasticsearchWriter(ElasticsearchSink<T> sink, WriterInitContext context) throws IOException {
        this.config = sink.config();
        this.documents = sink.documents();
        this.alias = sink.index().alias(config);
        this.flushIntervalMs = config.bulkFlushInterval().toMillis();
        this.connection = BulkSender.connect(config, alias);
        this.outage =
                Outage.of(
                        FramewiseMetrics.ELASTICSEARCH,
                        "Elasticsearch at " + config.url(),
                        ElasticsearchWriter.class);
        this.sender = BulkSender.of(connection, config, alias, outage);
        int subtask = context.getTaskInfo().getIndexOfThisSubtask();
        this.deadLetters = sink.deadLetters().open(subtask);
        this.slots = config.bulkConcurrentRequests();
        this.inFlight = new Semaphore(slots);
        this.threads =
                Executors.newFixedThreadPool(
                        slots,
                        r -> {
                            Thread t = new Thread(r, "elasticsearch-bulk-" + alias + "-" + subtask);
                            t.setDaemon(true);
                            return t;
                        });
        SinkWriterMetricGroup metrics = context.metricGroup();
        this.sent = metrics.getNumRecordsSendCounter();
        this.sentBytes = metrics.getNumBytesSendCounter();
        this.rejected = metrics.counter("documentsRejected");
        this.retries = metrics.counter("bulkRetries");
        // The same under the job's own names, beside the other stages' (FramewiseMetrics).
        FramewiseMetrics framewise = FramewiseMetrics.of(metrics);
        this.bulkMs = framewise.histogram(FramewiseMetrics.ES_BULK_MS);
        this.framewiseRejected = framewise.counter(FramewiseMetrics.ES_REJECTIONS);
        framewise.dependency(
                FramewiseMetrics.ELASTICSEARCH,
                outage::unavailable,
                () -> Outage.failedAttempts(FramewiseMetrics.ELASTICSEARCH));
        metrics.gauge("documentsBuffered", buffer::size);
        metrics.gauge("bulkRequestsInFlight", () -> slots - inFlight.availablePermits());
        this.timers = context.getProcessingTimeService();
        schedule(timers.getCurrentProcessingTime() + flushIntervalMs);
    }

    @Override
    public void write(T row, Context context) throws IOException, InterruptedException {
        handleResults();
        for (Document doc : documents.toDocuments(row)) {
            BulkSender.Item item = BulkSender.item(doc);
            if (buffer.isEmpty()) {
                oldestMs = timers.getCurrentProcessingTime();
            }
            buffer.add(item);
            bufferedBytes += item.bytes();
            if (buffer.size() >= config.bulkMaxActions()
                    || bufferedBytes >= config.bulkMaxBytes()) {
                send();
            }
        }
    }

    /**
     * Called before every checkpoint and at the end of input: sends what is buffered and waits
     * until every request in flight is done, so the checkpoint covers only documents Elasticsearch
     * has.
     */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        send();
        inFlight.acquire(slots);
        inFlight.release(slots);
        handleResults();
        deadLetters.flush();
    }

    /** Hands the buffer to a sending thread, waiting for a free slot first. */
    private void send() throws IOException, InterruptedException {
        if (buffer.isEmpty()) {
            return;
        }
        List<BulkSender.Item> batch = List.copyOf(buffer);
        long bytes = bufferedBytes;
        buffer.clear();
        bufferedBytes = 0;
        inFlight.acquire();
        handleResults();
        try {
            threads.execute(
                    () -> {
                        try {
                            long start = System.nanoTime();
                            BulkSender.Outcome o =
                                    sender.send(
                                            batch,
                                            (item, status, type, reason, attempt) ->
                                                    rejections.add(
                                                            new Rejection(
                                                                    item, status, type, reason,
                                                                    attempt)));
                            outcomes.add(new Sent(o, (System.nanoTime() - start) / 1_000_000));
                        } catch (Throwable t) {
                            failure.compareAndSet(null, t);
                        } finally {
                            inFlight.release();
                        }
                    });
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
        sentBytes.inc(bytes);
    }

    /** On the task thread: records what the sending threads did; rethrows their failure. */
    private void handleResults() throws IOException {
        for (Sent s = outcomes.poll(); s != null; s = outcomes.poll()) {
            sent.inc(s.outcome().indexed());
            retries.inc(s.outcome().retries());
            bulkMs.update(s.millis());
        }
        for (Rejection r = rejections.poll(); r != null; r = rejections.poll()) {
            reject(r);
        }
        Throwable t = failure.get();
        if (t != null) {
            throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
        }
    }

    /** A bulk request done: what it did and how long it took, retries included. */
    private record Sent(BulkSender.Outcome outcome, long millis) {}

    private void reject(Rejection r) throws IOException {
        rejected.inc();
        framewiseRejected.inc();
        String message = RejectedDocuments.message(r.status(), r.type(), r.reason());
        LOG.warn("Elasticsearch rejected {} in {}: {}", r.item().id(), alias, message);
        deadLetters.add(
                RejectedDocuments.failureRow(
                        alias, r.item(), r.status(), r.type(), message, r.attempt()));
    }

    private void schedule(long at) {
        timer = timers.registerTimer(at, this::onTimer);
    }

    /** Sends a buffer that has waited the flush interval; runs in the task's mailbox. */
    private void onTimer(long now) throws IOException, InterruptedException {
        handleResults();
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
        // Requests still in flight belong to no checkpoint: a restart replays their documents.
        threads.shutdownNow();
        try {
            for (Rejection r = rejections.poll(); r != null; r = rejections.poll()) {
                reject(r);
            }
            deadLetters.close();
        } finally {
            connection.close();
        }
    }
}
