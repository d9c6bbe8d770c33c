package io.framewise.connectors.parquet;

import io.framewise.connectors.elasticsearch.DeadLetters;
import io.framewise.pipeline.rows.FailureRow;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Dead letters into the Parquet {@code failures} table: on every flush, the rows collected since
 * the last one are written as one file per date partition, {@code
 * {out}/failures/dt=YYYY-MM-DD/part-es-{uuid}.parquet}, first under a hidden name and then renamed,
 * so readers never see half a file. Beside the job's own failure files (Flink's file sink), read
 * the same way. Works on any Flink file system.
 */
public final class ParquetDeadLetters implements DeadLetters {

    private static final long serialVersionUID = 1L;

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final String out;

    private ParquetDeadLetters(String out) {
        this.out = out;
    }

    /** Dead letters into the failures table under {@code out} (the job's output directory). */
    public static ParquetDeadLetters of(String out) {
        if (out == null || out.isBlank()) {
            throw new IllegalArgumentException("an output directory is needed for dead letters");
        }
        return new ParquetDeadLetters(out);
    }

    @Override
    public Writer open(int subtask) {
        return new FileWriter(new Path(out, Tables.FAILURES.name()));
    }

    private static final class FileWriter implements Writer {
        private final Path table;
        private final List<FailureRow> pending = new ArrayList<>();

        FileWriter(Path table) {
            this.table = table;
        }

        @Override
        public void add(FailureRow row) {
            pending.add(row);
        }

        @Override
        public void flush() throws IOException {
            if (pending.isEmpty()) {
                return;
            }
            Map<String, List<FailureRow>> byDay = new TreeMap<>();
            for (FailureRow r : pending) {
                byDay.computeIfAbsent(
                                DAY.format(Instant.ofEpochMilli(r.at())), d -> new ArrayList<>())
                        .add(r);
            }
            for (Map.Entry<String, List<FailureRow>> day : byDay.entrySet()) {
                write(new Path(table, "dt=" + day.getKey()), day.getValue());
            }
            pending.clear();
        }

        private static void write(Path dir, List<FailureRow> rows) throws IOException {
            String name = "part-es-" + UUID.randomUUID() + ".parquet";
            Path hidden = new Path(dir, "." + name + ".inprogress");
            FileSystem fs = dir.getFileSystem();
            fs.mkdirs(dir);
            try (FSDataOutputStream stream = fs.create(hidden, FileSystem.WriteMode.OVERWRITE)) {
                BulkWriter<FailureRow> parquet =
                        new RowBulkWriterFactory<>(Tables.FAILURES).create(stream);
                for (FailureRow r : rows) {
                    parquet.addElement(r);
                }
                parquet.finish();
            }
            if (!fs.rename(hidden, new Path(dir, name))) {
                throw new IOException("could not rename " + hidden + " into place");
            }
        }

        /** Writes what is left: a rejection is never lost, even when the job stops. */
        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
