package io.framewise.connectors.elasticsearch;

import java.io.Serializable;
import java.util.List;

/** Turns a row into the writes of its search documents; a small function the sink carries. */
@FunctionalInterface
public interface DocumentMapper<T> extends Serializable {

    /** The writes of a row: usually its one document; a row may touch several, or none. */
    List<Document> toDocuments(T row);

    /** A mapper for rows that each write one document, e.g. {@code one(Documents::frame)}. */
    static <T> DocumentMapper<T> one(One<T> one) {
        return row -> List.of(one.toDocument(row));
    }

    /** Turns a row into its one document. */
    @FunctionalInterface
    interface One<T> extends Serializable {
        Document toDocument(T row);
    }
}
