package io.framewise.connectors.elasticsearch;

import java.io.Serializable;

/** Turns a row into its search document; a small function the sink carries. */
@FunctionalInterface
public interface DocumentMapper<T> extends Serializable {
    Document toDocument(T row);
}
