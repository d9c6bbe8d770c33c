package io.framewise.connectors.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.connectors.elasticsearch.DeadLetters;
import io.framewise.pipeline.rows.FailureRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code failures} table's new columns ({@code input}, {@code payload}, {@code attempt}) as the
 * dead letters write them, and the notebooks' {@code failures} view over files written before and
 * after they existed, side by side in one table (DuckDB, {@code union_by_name}).
 */
class FailuresTableTest {

    static final long DAY = 1_763_683_200_000L; // 2025-11-21

    @TempDir Path out;

    @Test
    void oldAndNewFilesReadTogetherThroughTheNotebookView() throws Exception {
        // A row as written now, through the production writer.
        try (DeadLetters.Writer w = ParquetDeadLetters.of(out.toString()).open(0)) {
            w.add(
                    new FailureRow(
                            "v1",
                            null,
                            "elasticsearch",
                            "es_rejected",
                            "HTTP 400 mapper_parsing_exception: quality",
                            "elasticsearch:frames/v1/0/40",
                            "{\"quality\": \"NaN\"}",
                            3,
                            DAY));
        }
        Path dir = out.resolve("failures/dt=2025-11-21");
        try (Connection sql = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = sql.createStatement()) {
            // Two rows as written before: uri held what failed, which for embed was not the video.
            s.execute(
                    "copy (select * from (values"
                            + " ('v2', 'file:///v2.mp4', 'plan', 'truncated', 'truncated',"
                            + " epoch_ms("
                            + DAY
                            + ")),"
                            + " ('v3', 'keyframes/v3/0-2.jpg', 'embed', 'embed_failed',"
                            + " 'frame 2: boom', epoch_ms("
                            + DAY
                            + "))) t(video_id, uri, stage, code, message, \"at\")) to '"
                            + dir.resolve("part-old.parquet")
                            + "' (format parquet)");
            s.execute(view(out));

            List<String> rows = new ArrayList<>();
            try (ResultSet r =
                    s.executeQuery(
                            "select video_id, uri, input, payload, attempt from failures"
                                    + " order by video_id")) {
                while (r.next()) {
                    rows.add(
                            r.getString(1)
                                    + " | "
                                    + r.getString(2)
                                    + " | "
                                    + r.getString(3)
                                    + " | "
                                    + r.getString(4)
                                    + " | "
                                    + r.getInt(5));
                }
            }
            assertThat(rows)
                    .containsExactly(
                            "v1 | null | elasticsearch:frames/v1/0/40 | {\"quality\": \"NaN\"} | 3",
                            "v2 | file:///v2.mp4 | file:///v2.mp4 | null | 1",
                            "v3 | null | keyframes/v3/0-2.jpg | null | 1");
        }
    }

    @Test
    void theViewReadsFilesThatAllPredateTheNewColumns() throws Exception {
        Path dir = Files.createDirectories(out.resolve("failures/dt=2025-11-21"));
        try (Connection sql = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = sql.createStatement()) {
            s.execute(
                    "copy (select 'v2' video_id, 'kafka://uploads/0/7' uri, 'source' stage,"
                            + " 'malformed_event' code, 'bad; event: {' message,"
                            + " epoch_ms(0) \"at\") to '"
                            + dir.resolve("part-old.parquet")
                            + "' (format parquet)");
            s.execute(view(out));
            try (ResultSet r = s.executeQuery("select uri, input, attempt from failures")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString("uri")).isNull();
                assertThat(r.getString("input")).isEqualTo("kafka://uploads/0/7");
                assertThat(r.getInt("attempt")).isEqualTo(1);
            }
        }
    }

    @Test
    void theEmptyViewHasTheColumnsOfTheTableTheWriterWrites() throws Exception {
        try (DeadLetters.Writer w = ParquetDeadLetters.of(out.toString()).open(0)) {
            w.add(FailureRow.ofVideo("v1", "file:///v1.mp4", "plan", "truncated", "cut short"));
        }
        try (Connection sql = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = sql.createStatement()) {
            s.execute(view(out));
            List<String> written = columns(s);
            s.execute(section("-- @empty failures", "-- @table llm_calls"));
            assertThat(columns(s)).isEqualTo(written);
            assertThat(written)
                    .containsExactly(
                            "video_id VARCHAR",
                            "uri VARCHAR",
                            "stage VARCHAR",
                            "code VARCHAR",
                            "message VARCHAR",
                            "input VARCHAR",
                            "payload VARCHAR",
                            "attempt INTEGER",
                            written.get(8),
                            "dt DATE");
            assertThat(written.get(8)).startsWith("at TIMESTAMP");
        }
    }

    private static List<String> columns(Statement s) throws Exception {
        List<String> columns = new ArrayList<>();
        try (ResultSet r = s.executeQuery("describe failures")) {
            while (r.next()) {
                columns.add(r.getString("column_name") + " " + r.getString("column_type"));
            }
        }
        return columns;
    }

    /** The notebooks' {@code failures} view (its {@code @table} section) over {@code out}. */
    static String view(Path out) throws Exception {
        return section("-- @table failures", "-- @empty failures")
                .replace("${DATA_DIR}", out.toString());
    }

    private static String section(String from, String to) throws Exception {
        String all = Files.readString(Path.of("..", "notebooks", "views.sql"));
        return all.substring(all.indexOf(from), all.indexOf(to));
    }
}
