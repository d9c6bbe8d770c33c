package io.framewise.connectors.parquet;

import java.io.IOException;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.formats.parquet.avro.AvroParquetWriters;

/**
 * Writes rows of a {@link Table} as Parquet: each row becomes an Avro record of the table's schema
 * and goes to Flink's Avro Parquet writer (snappy-compressed).
 */
final class RowBulkWriterFactory<T> implements BulkWriter.Factory<T> {

    private static final long serialVersionUID = 1L;

    private final Table<T> table;

    RowBulkWriterFactory(Table<T> table) {
        this.table = table;
    }

    @Override
    public BulkWriter<T> create(FSDataOutputStream out) throws IOException {
        BulkWriter<GenericRecord> avro =
                AvroParquetWriters.forGenericRecord(table.schema()).create(out);
        return new BulkWriter<>() {
            @Override
            public void addElement(T row) throws IOException {
                avro.addElement(table.toRecord(row));
            }

            @Override
            public void flush() throws IOException {
                avro.flush();
            }

            @Override
            public void finish() throws IOException {
                avro.finish();
            }
        };
    }
}
