package io.framewise.connectors.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Reads a table the job wrote back into Avro records, for the command line's summaries. Analysts
 * use DuckDB, Spark or Trino instead; this needs no engine.
 */
public final class ParquetTableReader {

    private ParquetTableReader() {}

    /** All rows of {@code table} under {@code out}, every date partition; empty if none. */
    public static List<GenericRecord> read(Path out, Table<?> table) throws IOException {
        Path dir = out.resolve(table.name());
        List<GenericRecord> rows = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return rows;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files =
                    walk.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .sorted()
                            .toList();
        }
        for (Path file : files) {
            try (ParquetReader<GenericRecord> reader =
                    AvroParquetReader.<GenericRecord>builder(
                                    new LocalInputFile(file), new PlainParquetConfiguration())
                            .build()) {
                for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                    rows.add(r);
                }
            }
        }
        return rows;
    }
}
