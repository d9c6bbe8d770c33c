package io.framewise.connectors.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import io.framewise.pipeline.remote.Backoff;
import io.framewise.pipeline.remote.Outage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends documents in one bulk request and sees each one through: documents that Elasticsearch
 * indexes are done; documents it rejects for good (a 4xx on the item: a mapping or parsing error)
 * go to the given {@link Rejections} and are never retried; the rest (429, 5xx on the item, or the
 * whole request failing with 429, 5xx or a connection error) are sent again after a backoff, up to
 * {@code maxRetries} times, then the send fails with an {@link IOException}. A whole request
 * refused with another status (401, 403, 413, ...) fails at once: retrying cannot help.
 *
 * <p>An {@link Document.Write#UPDATE} of a document that is not there (yet: another sink writes it)
 * is retried like a 429, with the same backoff and limit; when it is still missing after the last
 * retry it goes to the {@link Rejections} rather than failing the send, since waiting longer would
 * hold the job up for a document that may never come (Elasticsearch rejected it, say). It is never
 * created: an upsert there would index a document with nothing but the updated fields.
 *
 * <p>It blocks until done, which is the sink's back-pressure: while Elasticsearch is slow or
 * retrying, the writer takes no more records.
 */
final class BulkSender {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A serialized document (or its fields to merge) to write under {@code id}. */
    record Item(String id, String videoId, byte[] json, Document.Write write) {
        /** Roughly what it adds to a bulk body: the document and its action line. */
        long bytes() {
            return json.length + id.length() + 64;
        }
    }

    /**
     * Retries of an update that found the document changed between its read and its write (the
     * other writer of a frame document was at it): Elasticsearch repeats the merge itself.
     */
    static final int RETRY_ON_CONFLICT = 3;

    /** What one {@link #send} did. */
    record Outcome(int indexed, int rejected, int retries) {}

    /**
     * Receives a document Elasticsearch rejected, with the item's status and error and how many
     * times it was sent.
     */
    @FunctionalInterface
    interface Rejections {
        void rejected(Item item, int status, String type, String reason, int attempt)
                throws IOException;
    }

    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final ElasticsearchClient client;
    private final String url;
    private final String alias;
    private final int maxRetries;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Outage outage;

    BulkSender(
            ElasticsearchClient client,
            String url,
            String alias,
            int maxRetries,
            Backoff backoff,
            Sleeper sleeper,
            Outage outage) {
        this.client = client;
        this.url = url;
        this.alias = alias;
        this.maxRetries = maxRetries;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.outage = outage;
    }

    /**
     * A connection to {@code config}'s cluster, checked: reachable, credentials taken, {@code
     * alias} there; each problem an exception with a one-line reason. Every writer, whatever its
     * engine, opens its connection here.
     */
    static ElasticsearchConnection connect(ElasticsearchConfig config, String alias)
            throws IOException {
        ElasticsearchConnection connection = ElasticsearchConnection.open(config);
        try {
            // Unreachable, refused credentials, a red cluster: each a one-line reason.
            connection.check();
            if (!connection.exists("/_alias/" + alias)) {
                throw new IllegalStateException(
                        "the Elasticsearch alias "
                                + alias
                                + " does not exist at "
                                + config.url()
                                + ": install the index templates before the job starts"
                                + " (IndexTemplates.install)");
            }
            return connection;
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
    }

    /** The sender of one writer into {@code alias}, with {@code config}'s retries and backoff. */
    static BulkSender of(
            ElasticsearchConnection connection,
            ElasticsearchConfig config,
            String alias,
            Outage outage) {
        return new BulkSender(
                connection.client(),
                config.url(),
                alias,
                config.maxRetries(),
                new Backoff(config.initialBackoff(), config.maxBackoff()),
                d -> Thread.sleep(d.toMillis()),
                outage);
    }

    /** A document serialized for a bulk request. */
    static Item item(Document doc) throws IOException {
        return new Item(doc.id(), doc.videoId(), JSON.writeValueAsBytes(doc.source()), doc.write());
    }

    /** Whether a failure with this HTTP status may pass when tried again. */
    static boolean retryable(int status) {
        return status == 429 || status >= 500;
    }

    Outcome send(List<Item> items, Rejections rejections) throws IOException, InterruptedException {
        List<Item> todo = items;
        int retries = 0;
        int indexed = 0;
        int rejected = 0;
        while (!todo.isEmpty()) {
            BulkResponse response;
            try {
                response = client.bulk(request(todo));
            } catch (IOException | ElasticsearchException e) {
                int status = status(e);
                String error = describe(status, e);
                if (status > 0 && !retryable(status)) {
                    throw new IOException(
                            "Elasticsearch at "
                                    + url
                                    + " refused a bulk request of "
                                    + todo.size()
                                    + " documents: "
                                    + error,
                            e);
                }
                outage.failed(error);
                if (retries >= maxRetries) {
                    throw giveUp(todo.size(), retries, error, e);
                }
                sleeper.sleep(backoff.delay(retries++));
                continue;
            }
            List<Item> again = new ArrayList<>();
            Map<Item, BulkResponseItem> missing = new IdentityHashMap<>();
            String lastError = null;
            List<BulkResponseItem> results = response.items();
            for (int i = 0; i < todo.size(); i++) {
                BulkResponseItem r = results.get(i);
                if (r.error() == null) {
                    indexed++;
                } else if (missing(todo.get(i), r)) {
                    again.add(todo.get(i));
                    missing.put(todo.get(i), r);
                } else if (retryable(r.status())) {
                    again.add(todo.get(i));
                    lastError = "HTTP " + r.status() + " " + r.error().type();
                } else {
                    rejected++;
                    rejections.rejected(
                            todo.get(i),
                            r.status(),
                            r.error().type(),
                            r.error().reason(),
                            retries + 1);
                }
            }
            // Elasticsearch answered: it is back unless it turned every document away for now.
            if (again.size() == todo.size() && lastError != null) {
                outage.failed(lastError);
            } else if (again.size() < todo.size()) {
                outage.succeeded();
            }
            if (!again.isEmpty()) {
                if (retries >= maxRetries) {
                    if (missing.size() < again.size()) {
                        throw giveUp(again.size(), retries, lastError, null);
                    }
                    for (Item item : again) {
                        BulkResponseItem r = missing.get(item);
                        rejected++;
                        rejections.rejected(
                                item,
                                r.status(),
                                r.error().type(),
                                r.error().reason()
                                        + " (still missing after "
                                        + retries
                                        + " retries, es.retry.max)",
                                retries + 1);
                    }
                    break;
                }
                sleeper.sleep(backoff.delay(retries++));
            }
            todo = again;
        }
        return new Outcome(indexed, rejected, retries);
    }

    private BulkRequest request(List<Item> items) {
        BulkRequest.Builder b = new BulkRequest.Builder().index(alias);
        // Never auto-create a concrete index without the templates' mappings.
        b.requireAlias(true);
        for (Item item : items) {
            switch (item.write()) {
                case INDEX -> {
                    BinaryData json = BinaryData.of(item.json(), ContentType.APPLICATION_JSON);
                    b.operations(
                            op -> op.index(ix -> ix.index(alias).id(item.id()).document(json)));
                }
                case UPSERT, UPDATE -> {
                    // The fields go into the request as they are, already serialized.
                    RawValue fields = new RawValue(new String(item.json(), StandardCharsets.UTF_8));
                    boolean upsert = item.write() == Document.Write.UPSERT;
                    b.operations(
                            op ->
                                    op.update(
                                            u ->
                                                    u.index(alias)
                                                            .id(item.id())
                                                            .retryOnConflict(RETRY_ON_CONFLICT)
                                                            .action(
                                                                    a ->
                                                                            a.doc(fields)
                                                                                    .docAsUpsert(
                                                                                            upsert))));
                }
            }
        }
        return b.build();
    }

    /** Whether an item is an update of a document that is not there. */
    static boolean missing(Item item, BulkResponseItem r) {
        return item.write() == Document.Write.UPDATE
                && r.status() == 404
                && r.error() != null
                && "document_missing_exception".equals(r.error().type());
    }

    private IOException giveUp(int documents, int retries, String error, Exception cause) {
        return new IOException(
                "Elasticsearch at "
                        + url
                        + " did not take "
                        + documents
                        + " documents after "
                        + retries
                        + " retries (es.retry.max); last error: "
                        + error,
                cause);
    }

    /** The HTTP status of a failed request, or 0 when there was no answer (connection error). */
    private static int status(Exception e) {
        if (e instanceof ElasticsearchException es) {
            return es.status();
        }
        if (e instanceof TransportException t) {
            return Math.max(0, t.statusCode());
        }
        return 0;
    }

    private static String describe(int status, Exception e) {
        if (e instanceof ElasticsearchException es && es.error() != null) {
            return "HTTP " + status + " " + es.error().type() + ": " + es.error().reason();
        }
        String what = ElasticsearchConnection.describe(e);
        return status > 0 ? "HTTP " + status + " " + what : what;
    }
}
