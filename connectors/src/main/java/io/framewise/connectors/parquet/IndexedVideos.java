package io.framewise.connectors.parquet;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * The videos a table directory already holds as {@code ok}, read from its committed Parquet files
 * on any of Flink's file systems (in-progress files, hidden by a leading dot, are not read). A
 * backfill skips them, so running it again resumes where the last run got to.
 */
public final class IndexedVideos {

    /** Only the two columns needed, so the read stays small however wide the table grows. */
    private static final Schema PROJECTION =
            SchemaBuilder.record("videos")
                    .fields()
                    .requiredString("video_id")
                    .requiredString("status")
                    .endRecord();

    private IndexedVideos() {}

    /** The ids of the videos with status {@code ok} under {@code out}; empty when none. */
    public static Set<String> okIds(String out) throws IOException {
        Path dir = new Path(out, Tables.VIDEOS.name());
        FileSystem fs = dir.getFileSystem();
        Set<String> ids = new HashSet<>();
        if (!fs.exists(dir)) {
            return ids;
        }
        collect(fs, dir, ids);
        return ids;
    }

    private static void collect(FileSystem fs, Path dir, Set<String> ids) throws IOException {
        FileStatus[] children = fs.listStatus(dir);
        if (children == null) {
            return;
        }
        for (FileStatus child : children) {
            String name = child.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            if (child.isDir()) {
                collect(fs, child.getPath(), ids);
            } else if (name.endsWith(".parquet")) {
                read(fs, child, ids);
            }
        }
    }

    private static void read(FileSystem fs, FileStatus file, Set<String> ids) throws IOException {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.set(AvroReadSupport.AVRO_REQUESTED_PROJECTION, PROJECTION.toString());
        try (ParquetReader<GenericRecord> reader =
                AvroParquetReader.<GenericRecord>builder(
                                new FlinkInputFile(fs, file.getPath(), file.getLen()), conf)
                        .build()) {
            for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                if ("ok".equals(String.valueOf(r.get("status")))) {
                    ids.add(String.valueOf(r.get("video_id")));
                }
            }
        }
    }
}
