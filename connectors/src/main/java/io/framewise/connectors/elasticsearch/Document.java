package io.framewise.connectors.elasticsearch;

import java.util.Map;

/**
 * One write to a search document: its id (which makes writes idempotent: a replay overwrites), the
 * video it belongs to (for failure rows), its fields, and how they are written.
 */
public record Document(String id, String videoId, Map<String, Object> source, Write write) {

    /** How a document's fields reach Elasticsearch. */
    public enum Write {
        /** The whole document ({@code index}), replacing an earlier one with its id. */
        INDEX,
        /**
         * The fields merged into the document, which is created when missing ({@code update} with
         * {@code doc_as_upsert}). Fields it does not name (a frame's cluster id) are kept, so a
         * rewrite of the document does not undo what {@link #UPDATE}s added; nulls clear a field.
         */
        UPSERT,
        /**
         * The fields merged into an existing document ({@code update}); it never creates one. A
         * missing document is retried like a transient error (it may not be written yet), then
         * recorded as a failure row ({@code es_missing_document}).
         */
        UPDATE
    }

    /** A whole document ({@link Write#INDEX}). */
    public Document(String id, String videoId, Map<String, Object> source) {
        this(id, videoId, source, Write.INDEX);
    }
}
