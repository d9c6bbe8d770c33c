package io.framewise.connectors.elasticsearch;

import io.framewise.pipeline.rows.FailureRow;
import java.nio.charset.StandardCharsets;

/**
 * The {@code failures} rows of documents Elasticsearch rejected, the same from every writer (the
 * Flink sink's, the engine-neutral {@link BulkDocumentWriter}).
 */
final class RejectedDocuments {

    /** The stage of failure rows for rejected documents. */
    static final String STAGE = "elasticsearch";

    /** The code of failure rows for rejected documents. */
    static final String CODE = "es_rejected";

    /** The code of failure rows for updates of documents that never came ({@link BulkSender}). */
    static final String CODE_MISSING = "es_missing_document";

    private RejectedDocuments() {}

    /** The one-line reason of a rejection. */
    static String message(int status, String type, String reason) {
        return ("HTTP " + status + " " + type + ": " + reason).replace('\n', ' ');
    }

    /**
     * The failure row of a rejected document: the document by its id in {@code input}, its JSON in
     * {@code payload}. A search document does not carry its video's URI, so {@code uri} is null and
     * {@code video_id} joins the row to the video.
     */
    static FailureRow failureRow(
            String alias,
            BulkSender.Item item,
            int status,
            String type,
            String message,
            int attempt) {
        return new FailureRow(
                item.videoId(),
                null,
                STAGE,
                status == 404
                                && item.write() == Document.Write.UPDATE
                                && "document_missing_exception".equals(type)
                        ? CODE_MISSING
                        : CODE,
                message.length() > 1000 ? message.substring(0, 1000) + "..." : message,
                "elasticsearch:" + alias + "/" + item.id(),
                new String(item.json(), StandardCharsets.UTF_8),
                attempt,
                System.currentTimeMillis());
    }
}
