package io.framewise.beam;

import io.framewise.connectors.parquet.Table;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.transforms.Contextful;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes one of the Flink job's Parquet tables from Beam: the same {@link Table} (Avro schema, row
 * mapping, {@code dt=YYYY-MM-DD} partition), so the files land as the Flink job's do, {@code
 * {out}/{table}/dt=YYYY-MM-DD/part-*.parquet}, and read back the same with DuckDB, Spark or Trino.
 */
final class ParquetTable {

    private ParquetTable() {}

    static <T> void write(PCollection<T> rows, Table<T> table, String out) {
        SerializableFunction<T, String> partition = table::partition;
        SerializableFunction<T, GenericRecord> record = table::toRecord;
        rows.apply(
                table.name() + " table",
                FileIO.<String, T>writeDynamic()
                        .by(partition)
                        .withDestinationCoder(StringUtf8Coder.of())
                        .via(Contextful.fn(record), ParquetIO.sink(table.schema()))
                        .to(out + "/" + table.name())
                        .withNaming(dt -> FileIO.Write.defaultNaming(dt + "/part", ".parquet")));
    }
}
