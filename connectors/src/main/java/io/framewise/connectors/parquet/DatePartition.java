package io.framewise.connectors.parquet;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/** Puts a row in the {@code dt=YYYY-MM-DD} (UTC) partition of its table's time column. */
final class DatePartition<T> implements BucketAssigner<T, String> {

    private static final long serialVersionUID = 1L;

    private final Table<T> table;

    DatePartition(Table<T> table) {
        this.table = table;
    }

    @Override
    public String getBucketId(T row, Context context) {
        return table.partition(row);
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }
}
