package io.framewise.connectors.parquet;

import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * Flink file sinks for the Parquet tables: {@code {out}/{table}/dt=YYYY-MM-DD/part-….parquet}.
 *
 * <p>Exactly-once: part files roll on every checkpoint and become visible only when it completes
 * (bounded jobs commit at their final checkpoint). Usage:
 *
 * <pre>{@code
 * videos.sinkTo(ParquetSinks.of(Tables.VIDEOS, "/data/framewise")).name("videos parquet");
 * }</pre>
 */
public final class ParquetSinks {

    private ParquetSinks() {}

    public static <T> FileSink<T> of(Table<T> table, String out) {
        if (out == null || out.isBlank()) {
            throw new IllegalArgumentException("an output directory is needed for " + table.name());
        }
        return FileSink.forBulkFormat(
                        new Path(out, table.name()), new RowBulkWriterFactory<>(table))
                .withBucketAssigner(new DatePartition<>(table))
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(
                        OutputFileConfig.builder()
                                .withPartPrefix("part")
                                .withPartSuffix(".parquet")
                                .build())
                .build();
    }
}
