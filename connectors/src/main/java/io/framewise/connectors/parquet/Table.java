package io.framewise.connectors.parquet;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * One Parquet table: its name, its Avro schema (a resource in {@code avro/}), how a row becomes an
 * Avro record, and the time a row is partitioned by.
 *
 * @param <T> the row type
 */
public final class Table<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Turns a row into an Avro record of the table's schema. */
    @FunctionalInterface
    public interface Mapper<T> extends Serializable {
        GenericRecord toRecord(Schema schema, T row);
    }

    /** The epoch milliseconds a row's date partition comes from. */
    @FunctionalInterface
    public interface Clock<T> extends Serializable {
        long millis(T row);
    }

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final String name;
    private final String schemaJson;
    private final Mapper<T> mapper;
    private final Clock<T> clock;
    private transient Schema schema;

    Table(String name, Mapper<T> mapper, Clock<T> clock) {
        this.name = name;
        this.schemaJson = resource("avro/" + name + ".avsc");
        this.mapper = mapper;
        this.clock = clock;
    }

    public String name() {
        return name;
    }

    public Schema schema() {
        if (schema == null) {
            schema = new Schema.Parser().parse(schemaJson);
        }
        return schema;
    }

    /** The Avro record of {@code row} (the Flink sink and the Beam pipeline write these). */
    public GenericRecord toRecord(T row) {
        return mapper.toRecord(schema(), row);
    }

    long millis(T row) {
        return clock.millis(row);
    }

    /** The partition of {@code row}: {@code dt=YYYY-MM-DD} (UTC) of the table's time column. */
    public String partition(T row) {
        return "dt=" + DAY.format(Instant.ofEpochMilli(millis(row)));
    }

    private static String resource(String path) {
        try (InputStream in = Table.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
