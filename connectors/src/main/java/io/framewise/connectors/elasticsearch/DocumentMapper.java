package io.framewise.connectors.elasticsearch;

import java.io.Serializable;
import java.util.List;

/**
 * Turns a row into its search document; a small function the sink carries. A row that writes
 * several documents (one per keyframe, say) uses {@link #each}; the writer asks every mapper for
 * {@link #toDocuments}.
 */
@FunctionalInterface
public interface DocumentMapper<T> extends Serializable {

    Document toDocument(T row);

    /** The writes of a row: its one document, unless the mapper is {@link #each}. */
    default List<Document> toDocuments(T row) {
        return List.of(toDocument(row));
    }

    /** A mapper for rows that write several documents, or none. */
    static <T> DocumentMapper<T> each(Many<T> many) {
        return new DocumentMapper<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public Document toDocument(T row) {
                throw new UnsupportedOperationException(
                        "a row here writes several documents: use toDocuments");
            }

            @Override
            public List<Document> toDocuments(T row) {
                return many.toDocuments(row);
            }
        };
    }

    /** The documents one row writes. */
    @FunctionalInterface
    interface Many<T> extends Serializable {
        List<Document> toDocuments(T row);
    }
}
