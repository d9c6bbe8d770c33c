package io.framewise.jobs.graph;

import io.framewise.connectors.parquet.ParquetSinks;
import io.framewise.connectors.parquet.Table;
import io.framewise.connectors.parquet.Tables;
import io.framewise.pipeline.graph.Outputs;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The Parquet tables under an output root (a local directory or a URI such as {@code
 * s3://bucket/run}): one exactly-once file sink per table, committed at checkpoints.
 */
public final class ParquetTables implements OutputSink {

    /** Stable uids of the table sinks (their pending files are in checkpoints). */
    public static final String UID_SINK_PREFIX = "table-";

    private final String out;

    public ParquetTables(String out) {
        this.out = out;
    }

    @Override
    public void attach(Outputs outputs) {
        table(outputs.videos(), Tables.VIDEOS);
        table(outputs.shots(), Tables.SHOTS);
        table(outputs.frames(), Tables.FRAMES);
        table(outputs.texts(), Tables.TEXTS);
        table(outputs.failures(), Tables.FAILURES);
        table(outputs.scenes(), Tables.SCENES);
        table(outputs.clusters(), Tables.CLUSTERS);
        table(outputs.clusterMembers(), Tables.CLUSTER_MEMBERS);
        if (outputs.llmCalls() != null) {
            table(outputs.llmCalls(), Tables.LLM_CALLS);
        }
        if (outputs.transcripts() != null) {
            table(outputs.transcripts(), Tables.TRANSCRIPTS);
            table(outputs.speechCalls(), Tables.SPEECH_CALLS);
        }
    }

    /** One table's sink, named and with a stable uid after the table. */
    private <T> void table(DataStream<T> rows, Table<T> table) {
        rows.sinkTo(ParquetSinks.of(table, out))
                .name(table.name() + " table")
                .uid(UID_SINK_PREFIX + table.name());
    }
}
