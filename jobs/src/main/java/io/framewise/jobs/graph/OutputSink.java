package io.framewise.jobs.graph;

import io.framewise.pipeline.graph.Outputs;

/**
 * Where the indexing job's rows go: the Parquet tables, the search indices, or a test's collecting
 * sink. The caller chooses the sinks; the job attaches each to the same outputs.
 */
public interface OutputSink {

    /** Attaches this sink's operators, with stable uids, to {@code outputs}. */
    void attach(Outputs outputs);
}
