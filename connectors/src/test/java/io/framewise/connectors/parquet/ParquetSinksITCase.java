package io.framewise.connectors.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.framewise.pipeline.rows.ClusterMemberRow;
import io.framewise.pipeline.rows.ClusterRow;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.LlmCallRow;
import io.framewise.pipeline.rows.SceneRow;
import io.framewise.pipeline.rows.ShotRow;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.rows.VideoSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Parquet sinks in a real (MiniCluster) job, read back with DuckDB as analysts will. */
class ParquetSinksITCase {

    @TempDir Path out;

    private static final long DAY_ONE = Instant.parse("2026-11-20T23:59:00Z").toEpochMilli();
    private static final long DAY_TWO = Instant.parse("2026-11-21T00:01:00Z").toEpochMilli();

    @Test
    void writesEveryTablePartitionedByDayReadableByDuckDb() throws Exception {
        // A failing job must fail the test, not restart forever.
        org.apache.flink.configuration.Configuration conf =
                new org.apache.flink.configuration.Configuration();
        conf.set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(200);
        env.fromData(
                        new VideoRow(
                                "v1",
                                "file:///a.mp4",
                                1280,
                                720,
                                29.97,
                                300,
                                10010,
                                "h264",
                                3,
                                4,
                                42,
                                "ok",
                                DAY_ONE,
                                new VideoSummary(
                                        2,
                                        3336.7,
                                        0.5,
                                        List.of("invoice", "total"),
                                        List.of("#202060"),
                                        0.4,
                                        0.6,
                                        0.8,
                                        null,
                                        List.of("v0"),
                                        List.of())),
                        new VideoRow(
                                "v2",
                                "file:///b.mp4",
                                0,
                                0,
                                0,
                                0,
                                0,
                                null,
                                0,
                                0,
                                0,
                                "failed",
                                DAY_TWO,
                                null))
                .sinkTo(ParquetSinks.of(Tables.VIDEOS, out.toString()));
        env.fromData(new SceneRow("v1", 0, 0, 2, 0, 10010, "keyframes/v1/0-40.jpg", DAY_ONE))
                .sinkTo(ParquetSinks.of(Tables.SCENES, out.toString()));
        env.fromData(
                        new ClusterRow(
                                "acme",
                                DAY_TWO,
                                DAY_TWO + 3_600_000,
                                "acme:c1",
                                0,
                                2,
                                1,
                                List.of("invoice"),
                                "keyframes/v1/0-40.jpg",
                                List.of("keyframes/v1/0-40.jpg", "keyframes/v1/1-140.jpg"),
                                new float[] {0.6f, 0.8f}))
                .sinkTo(ParquetSinks.of(Tables.CLUSTERS, out.toString()));
        env.fromData(
                        new ClusterMemberRow(
                                "acme", DAY_TWO, "acme:c1", 0, "v1", 0, 0.1, new long[] {3}),
                        new ClusterMemberRow(
                                "acme", DAY_TWO, "acme:c1", 0, "v1", 1, 0.2, new long[] {40}))
                .sinkTo(ParquetSinks.of(Tables.CLUSTER_MEMBERS, out.toString()));
        env.fromData(new ShotRow("v1", 0, 0, 99, 0, 3337, "start", 1, DAY_ONE))
                .sinkTo(ParquetSinks.of(Tables.SHOTS, out.toString()));
        env.fromData(
                        new FrameRow(
                                "v1",
                                0,
                                40,
                                1335,
                                "00:00:01;10",
                                -5L,
                                0.8,
                                120.5,
                                90.0,
                                true,
                                "Hello\nWorld",
                                0.93f,
                                42.0,
                                1.0,
                                0.35,
                                0.12,
                                2,
                                0.4,
                                0.25,
                                "Hello\nWorld\nAgenda",
                                "all-minilm-l6-v2-q",
                                new float[] {0.6f, 0.8f, 0f},
                                "colour-structure-v1",
                                new float[] {1f, 0f},
                                "keyframes/v1/0-40.jpg",
                                "A slide with a title.",
                                List.of("slide", "text"),
                                DAY_ONE),
                        new FrameRow(
                                "v1",
                                1,
                                140,
                                4671,
                                "00:00:04;20",
                                7L,
                                0.6,
                                80.0,
                                100.0,
                                false,
                                null,
                                null,
                                20.0,
                                0.5,
                                0.0,
                                0.0,
                                0,
                                0.0,
                                null,
                                null,
                                null,
                                null,
                                "colour-structure-v1",
                                null,
                                "keyframes/v1/1-140.jpg",
                                null,
                                null,
                                DAY_ONE))
                .sinkTo(ParquetSinks.of(Tables.FRAMES, out.toString()));
        env.fromData(
                        new FailureRow(
                                null,
                                "file:///c.mp4",
                                "plan",
                                "truncated",
                                "truncated: c.mp4",
                                "file:///c.mp4",
                                null,
                                1,
                                DAY_TWO))
                .sinkTo(ParquetSinks.of(Tables.FAILURES, out.toString()));
        env.fromData(
                        new LlmCallRow(
                                "v1",
                                40,
                                "gpt-4o-mini",
                                "frame-v1",
                                "ok",
                                2,
                                812,
                                290,
                                61,
                                0.0000801,
                                false,
                                DAY_ONE),
                        new LlmCallRow(
                                "v1",
                                140,
                                "gpt-4o-mini",
                                "frame-v1",
                                "llm_timeout",
                                5,
                                120000,
                                0,
                                0,
                                null,
                                false,
                                DAY_ONE))
                .sinkTo(ParquetSinks.of(Tables.LLM_CALLS, out.toString()));
        env.execute("parquet sinks");

        try (Stream<Path> dirs = Files.list(out.resolve("videos"))) {
            assertThat(dirs.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("dt=2026-11-20", "dt=2026-11-21");
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = db.createStatement()) {
            ResultSet videos =
                    sql.executeQuery(
                            "select video_id, fps, codec, status, dt, processed_at from read_parquet('"
                                    + out.resolve("videos/*/*.parquet")
                                    + "', hive_partitioning = true) order by video_id");
            assertThat(videos.next()).isTrue();
            assertThat(videos.getString("video_id")).isEqualTo("v1");
            assertThat(videos.getDouble("fps")).isEqualTo(29.97);
            assertThat(videos.getString("codec")).isEqualTo("h264");
            assertThat(videos.getString("dt")).isEqualTo("2026-11-20");
            assertThat(videos.getTimestamp("processed_at").toInstant())
                    .isEqualTo(Instant.ofEpochMilli(DAY_ONE));
            // A statement of its own: a new query would close the videos' result set.
            ResultSet summary =
                    db.createStatement()
                            .executeQuery(
                                    "select scenes, mean_shot_ms, top_keywords, dominant_colours,"
                                            + " quality_p50, enrichment_cost, near_duplicates from read_parquet('"
                                            + out.resolve("videos/*/*.parquet")
                                            + "') order by video_id");
            assertThat(summary.next()).isTrue();
            assertThat(summary.getInt("scenes")).isEqualTo(2);
            assertThat(summary.getDouble("mean_shot_ms")).isEqualTo(3336.7);
            assertThat(summary.getArray("top_keywords").getArray())
                    .isEqualTo(new Object[] {"invoice", "total"});
            assertThat(summary.getArray("dominant_colours").getArray())
                    .isEqualTo(new Object[] {"#202060"});
            assertThat(summary.getDouble("quality_p50")).isEqualTo(0.6);
            assertThat(summary.getObject("enrichment_cost")).isNull();
            assertThat(summary.getArray("near_duplicates").getArray())
                    .isEqualTo(new Object[] {"v0"});
            // A failed video has no summary: every summary column is null.
            assertThat(summary.next()).isTrue();
            assertThat(summary.getObject("scenes")).isNull();
            assertThat(summary.getObject("top_keywords")).isNull();
            assertThat(videos.next()).isTrue();
            assertThat(videos.getString("status")).isEqualTo("failed");
            assertThat(videos.getString("codec")).isNull();
            assertThat(videos.next()).isFalse();

            ResultSet frames =
                    sql.executeQuery(
                            "select frame, ocr_text, ocr_confidence, has_text, phash, faces,"
                                    + " colourfulness, motion, shot_text, text_model,"
                                    + " len(text_vector) dims, image_vector, description,"
                                    + " array_to_string(tags, '|') tag_list, len(tags) tag_count"
                                    + " from read_parquet('"
                                    + out.resolve("frames/*/*.parquet")
                                    + "') order by frame");
            assertThat(frames.next()).isTrue();
            assertThat(frames.getString("ocr_text")).isEqualTo("Hello\nWorld");
            assertThat(frames.getFloat("ocr_confidence")).isEqualTo(0.93f);
            assertThat(frames.getLong("phash")).isEqualTo(-5L);
            assertThat(frames.getInt("faces")).isEqualTo(2);
            assertThat(frames.getDouble("colourfulness")).isEqualTo(0.35);
            assertThat(frames.getDouble("motion")).isEqualTo(0.25);
            assertThat(frames.getString("shot_text")).isEqualTo("Hello\nWorld\nAgenda");
            assertThat(frames.getString("text_model")).isEqualTo("all-minilm-l6-v2-q");
            assertThat(frames.getInt("dims")).isEqualTo(3);
            assertThat(frames.getString("description")).isEqualTo("A slide with a title.");
            assertThat(frames.getString("tag_list")).isEqualTo("slide|text");
            assertThat(frames.getInt("tag_count")).isEqualTo(2);
            assertThat(frames.next()).isTrue();
            assertThat(frames.getObject("motion")).isNull();
            assertThat(frames.getObject("dims")).isNull();
            assertThat(frames.getObject("image_vector")).isNull();
            assertThat(frames.getString("ocr_text")).isNull();
            assertThat(frames.getObject("ocr_confidence")).isNull();
            assertThat(frames.getBoolean("has_text")).isFalse();
            assertThat(frames.getString("description")).isNull();
            assertThat(frames.getObject("tag_count")).isNull();

            ResultSet calls =
                    sql.executeQuery(
                            "select frame, status, attempts, latency_ms, input_tokens, cost, cached"
                                    + " from read_parquet('"
                                    + out.resolve("llm_calls/*/*.parquet")
                                    + "') order by frame");
            assertThat(calls.next()).isTrue();
            assertThat(calls.getString("status")).isEqualTo("ok");
            assertThat(calls.getInt("attempts")).isEqualTo(2);
            assertThat(calls.getLong("latency_ms")).isEqualTo(812);
            assertThat(calls.getInt("input_tokens")).isEqualTo(290);
            assertThat(calls.getDouble("cost")).isEqualTo(0.0000801);
            assertThat(calls.getBoolean("cached")).isFalse();
            assertThat(calls.next()).isTrue();
            assertThat(calls.getString("status")).isEqualTo("llm_timeout");
            assertThat(calls.getObject("cost")).isNull();

            // The vectors are float lists DuckDB ranks by (rows without a vector left out).
            ResultSet nearest =
                    sql.executeQuery(
                            "select frame, list_cosine_similarity(text_vector, [0.0, 1.0, 0.0]) cos"
                                    + " from read_parquet('"
                                    + out.resolve("frames/*/*.parquet")
                                    + "') where text_vector is not null order by cos desc");
            assertThat(nearest.next()).isTrue();
            assertThat(nearest.getLong("frame")).isEqualTo(40);
            assertThat(nearest.getDouble("cos")).isCloseTo(0.8, within(1e-6));
            assertThat(nearest.next()).isFalse();

            ResultSet counts =
                    sql.executeQuery(
                            "select (select count(*) from read_parquet('"
                                    + out.resolve("shots/*/*.parquet")
                                    + "')) shots,"
                                    + " (select count(*) from read_parquet('"
                                    + out.resolve("failures/*/*.parquet")
                                    + "') where video_id is null and code = 'truncated'"
                                    + " and input = 'file:///c.mp4' and attempt = 1) failures");
            assertThat(counts.next()).isTrue();
            assertThat(counts.getInt("shots")).isEqualTo(1);
            assertThat(counts.getInt("failures")).isEqualTo(1);

            ResultSet scenes =
                    sql.executeQuery(
                            "select first_shot, last_shot, end_ms, keyframe_uri from read_parquet('"
                                    + out.resolve("scenes/*/*.parquet")
                                    + "')");
            assertThat(scenes.next()).isTrue();
            assertThat(scenes.getInt("last_shot")).isEqualTo(2);
            assertThat(scenes.getLong("end_ms")).isEqualTo(10010);
            ResultSet clusters =
                    sql.executeQuery(
                            "select c.cluster_id, c.window_start, c.window_end, c.top_terms,"
                                    + " c.representative_uri, c.centroid, c.dt,"
                                    + " count(m.shot_index) members, sum(m.distance) distance"
                                    + " from read_parquet('"
                                    + out.resolve("clusters/*/*.parquet")
                                    + "', hive_partitioning = true) c join read_parquet('"
                                    + out.resolve("cluster_members/*/*.parquet")
                                    + "') m using (cluster_id, window_start, revision)"
                                    + " group by all");
            assertThat(clusters.next()).isTrue();
            assertThat(clusters.getString("cluster_id")).isEqualTo("acme:c1");
            assertThat(clusters.getTimestamp("window_start").toInstant())
                    .isEqualTo(Instant.ofEpochMilli(DAY_TWO));
            assertThat(clusters.getString("dt")).isEqualTo("2026-11-21");
            assertThat(clusters.getArray("top_terms").getArray())
                    .isEqualTo(new Object[] {"invoice"});
            assertThat(clusters.getArray("centroid").getArray())
                    .isEqualTo(new Object[] {0.6f, 0.8f});
            assertThat(clusters.getInt("members")).isEqualTo(2);
            assertThat(clusters.getDouble("distance")).isCloseTo(0.3, within(1e-9));
            assertThat(clusters.next()).isFalse();
        }
    }
}
