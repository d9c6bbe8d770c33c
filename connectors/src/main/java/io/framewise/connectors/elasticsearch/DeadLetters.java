package io.framewise.connectors.elasticsearch;

import io.framewise.pipeline.rows.FailureRow;
import java.io.IOException;
import java.io.Serializable;

/**
 * Where the documents Elasticsearch rejects go, as rows of the {@code failures} table.
 *
 * <p>A Flink sink has no side output, so the sink's writer hands each rejected document's failure
 * row to a writer of its own, opened per parallel instance, and flushes it whenever it flushes
 * Elasticsearch (at every checkpoint and at the end of input). The rows are at-least-once like the
 * documents: a replay after a failure can record a rejection again. {@code
 * io.framewise.connectors.parquet.ParquetDeadLetters} writes them into the Parquet {@code failures}
 * table.
 */
public interface DeadLetters extends Serializable {

    /** Opens the writer of one parallel instance of the sink. */
    Writer open(int subtask) throws IOException;

    /** Collects failure rows and makes them durable on {@link #flush}. */
    interface Writer extends AutoCloseable {
        void add(FailureRow row) throws IOException;

        /** Makes every row added so far durable (and visible to readers). */
        void flush() throws IOException;

        @Override
        void close() throws IOException;
    }
}
