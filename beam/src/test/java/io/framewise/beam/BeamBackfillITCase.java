package io.framewise.beam;

import static io.framewise.beam.ParquetQueries.query;
import static io.framewise.beam.ParquetQueries.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.jobs.JobEnvironment;
import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.jobs.graph.IndexJob;
import io.framewise.jobs.graph.LocalVideos;
import io.framewise.pipeline.video.VideoRef;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.beam.sdk.PipelineResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Beam backfill on the direct runner and the Flink job (a local MiniCluster, as {@code
 * framewise index} runs it) over the same generated prefix: good videos, a truncated one and a text
 * file named like a video. Their tables must be equal row by row, apart from the columns that
 * depend on the run (when a row was written, and its date partition), the shot clusters included.
 *
 * <p>The text embeddings are made one text per model call in both engines (embedding.batch.size 1),
 * so that they do not depend on how each engine cuts its batches.
 */
class BeamBackfillITCase {

    /**
     * A backfill's shots have no upload time, so their event time is when they were indexed: with
     * the default hour-long cluster windows, two runs a few minutes apart can fall into different
     * windows. Both engines cluster in one 1000-day window here, so that their windows are the same
     * (and their clusters comparable) whenever the test runs.
     */
    static final String CLUSTER_WINDOW = "aggregate.clusters.window";

    static final String WINDOW = "P1000D";

    /**
     * The few shots of the inputs are one cluster at the default least silhouette; at -1 k-means
     * keeps its best k, so that the comparison covers several clusters and which shot is in which.
     */
    static final String SEVERAL_CLUSTERS = "aggregate.clusters.min-silhouette=-1";

    @TempDir static Path dir;

    private static Path beamOut;
    private static Path flinkOut;
    private static PipelineResult.State beamState;

    @BeforeAll
    static void runBothEngines() throws Exception {
        Path in = dir.resolve("in");
        BackfillInputs.write(in);
        beamOut = dir.resolve("beam");
        flinkOut = dir.resolve("flink");

        BackfillOptions options =
                BeamBackfillPipeline.options(
                        "--input=" + in,
                        "--output=" + beamOut,
                        "--targetParallelism=2",
                        "--embeddingBatchSize=1",
                        "--settings=" + CLUSTER_WINDOW + "=" + WINDOW + "," + SEVERAL_CLUSTERS);
        beamState = BeamBackfillPipeline.create(options).run().waitUntilFinish();

        // The Flink job over the files its backfill listing takes: the same as the match's.
        List<VideoRef> videos = BackfillInputs.listed(in);
        assertThat(videos).hasSize(BackfillInputs.GOOD + BackfillInputs.BROKEN.size());
        Properties settings = new Properties();
        settings.setProperty("embedding.batch.size", "1");
        settings.setProperty(CLUSTER_WINDOW, WINDOW);
        settings.setProperty(SEVERAL_CLUSTERS.split("=")[0], SEVERAL_CLUSTERS.split("=")[1]);
        FramewiseConfig config = FramewiseConfig.parse(settings);
        StreamExecutionEnvironment env = JobEnvironment.create(2, Map.of(), config);
        IndexJob.of(new LocalVideos(videos), config, flinkOut.toString()).build(env);
        env.execute("framewise index");
    }

    @Test
    void everyGoodVideoIsOkAndEveryBrokenFileOneFailure() throws Exception {
        assertThat(beamState).isEqualTo(PipelineResult.State.DONE);
        List<List<String>> videos =
                rows(beamOut, "select uri, status, shots > 0, keyframes > 0 from %s", "videos");
        assertThat(videos).hasSize(BackfillInputs.GOOD + BackfillInputs.BROKEN.size());
        for (List<String> v : videos) {
            boolean broken = BackfillInputs.BROKEN.stream().anyMatch(b -> v.get(0).endsWith(b));
            assertThat(v.subList(1, 4))
                    .as(v.get(0))
                    .isEqualTo(
                            broken
                                    ? List.of("failed", "false", "false")
                                    : List.of("ok", "true", "true"));
        }
        List<List<String>> failures = rows(beamOut, "select uri, stage, code from %s", "failures");
        assertThat(failures).hasSize(BackfillInputs.BROKEN.size());
        for (String broken : BackfillInputs.BROKEN) {
            assertThat(failures).anySatisfy(f -> assertThat(f.get(0)).endsWith("/" + broken));
        }
        // Some text was read: the texts table is not trivially equal below.
        assertThat(rows(beamOut, "select text from %s", "texts")).isNotEmpty();
    }

    @Test
    void tablesEqualTheFlinkJobsRowByRow() throws Exception {
        for (String table : List.of("videos", "shots", "texts", "scenes", "failures")) {
            String sql = "select * exclude (dt, " + runColumn(table) + ") from %s";
            List<List<String>> beam = rows(beamOut, sql, table);
            List<List<String>> flink = rows(flinkOut, sql, table);
            assertThat(beam).as(table).isNotEmpty().isEqualTo(flink);
        }
        // Frames: every column exactly but the vectors, compared by angle. Both engines embed one
        // text per model call here: with the default (quantized) text model a vector depends on
        // the other texts of its batch (cosine 0.99 seen), in the Flink job too, and the engines
        // cut their batches differently (a wait timer there, bundles here).
        String frames = "select * exclude (dt, processed_at, text_vector, image_vector) from %s";
        List<List<String>> beam = rows(beamOut, frames, "frames");
        assertThat(beam).isNotEmpty().isEqualTo(rows(flinkOut, frames, "frames"));
        int compared = 0;
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = db.createStatement();
                ResultSet r =
                        sql.executeQuery(
                                "select b.video_id, b.frame, b.text_vector, f.text_vector,"
                                        + " b.image_vector, f.image_vector from "
                                        + table(beamOut, "frames")
                                        + " b join "
                                        + table(flinkOut, "frames")
                                        + " f using (video_id, frame)")) {
            while (r.next()) {
                String frame = r.getString(1) + "@" + r.getString(2);
                assertSameDirection(frame + " text", r.getArray(3), r.getArray(4));
                assertSameDirection(frame + " image", r.getArray(5), r.getArray(6));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(beam.size());
    }

    @Test
    void clustersEqualTheFlinkJobsRowByRow() throws Exception {
        // Every column: clusters and cluster_members have none that says when a row was written
        // (their dt partition is the window's start, which the 1000-day window makes the same).
        for (String table : List.of("clusters", "cluster_members")) {
            String sql = "select * exclude (dt) from %s";
            List<List<String>> beam = rows(beamOut, sql, table);
            assertThat(beam).as(table).isNotEmpty().isEqualTo(rows(flinkOut, sql, table));
        }
        assertThat(query("select count(*) from " + table(beamOut, "clusters")).get(0).get(0))
                .as("clusters")
                .matches("[2-9]|[1-9][0-9]+");
        // Every shot of an ok video is in exactly one cluster of its window.
        String shots = query("select count(*) from " + table(beamOut, "shots")).get(0).get(0);
        assertThat(
                        query(
                                "select count(*), count(distinct (video_id, shot_index)) from "
                                        + table(beamOut, "cluster_members")))
                .containsExactly(List.of(shots, shots));
        // Each cluster's size is its members'.
        assertThat(
                        query(
                                "select count(*) from "
                                        + table(beamOut, "clusters")
                                        + " c where size <> (select count(*) from "
                                        + table(beamOut, "cluster_members")
                                        + " m where m.cluster_id = c.cluster_id"
                                        + " and m.window_start = c.window_start)"))
                .containsExactly(List.of("0"));
    }

    /** Both vectors absent, or both present and pointing the same way (to the model's rounding). */
    private static void assertSameDirection(String what, Array beam, Array flink)
            throws SQLException {
        if (beam == null || flink == null) {
            assertThat(beam).as(what).isNull();
            assertThat(flink).as(what).isNull();
            return;
        }
        Object[] a = (Object[]) beam.getArray();
        Object[] b = (Object[]) flink.getArray();
        assertThat(a).as(what).hasSameSizeAs(b).isNotEmpty();
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            double x = ((Number) a[i]).doubleValue();
            double y = ((Number) b[i]).doubleValue();
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        assertThat(dot / Math.sqrt(na * nb)).as(what).isGreaterThan(0.9999);
    }

    @Test
    void duckDbReadsTheBeamTablesAsTheFlinkOnes() throws Exception {
        // Each video once; each ok video's shots and frames exactly as many as its row says.
        List<List<String>> counts =
                query(
                        "select v.video_id, v.shots, v.keyframes,"
                                + " (select count(*) from "
                                + table(beamOut, "shots")
                                + " s where s.video_id = v.video_id),"
                                + " (select count(*) from "
                                + table(beamOut, "frames")
                                + " f where f.video_id = v.video_id),"
                                + " (select count(distinct frame) from "
                                + table(beamOut, "frames")
                                + " f where f.video_id = v.video_id)"
                                + " from "
                                + table(beamOut, "videos")
                                + " v where status = 'ok'");
        assertThat(counts).hasSize(BackfillInputs.GOOD);
        for (List<String> c : counts) {
            assertThat(c.get(3)).as("shots of " + c.get(0)).isEqualTo(c.get(1));
            assertThat(c.get(4)).as("frames of " + c.get(0)).isEqualTo(c.get(2));
            assertThat(c.get(5)).as("distinct frames of " + c.get(0)).isEqualTo(c.get(2));
        }
        assertThat(query("select count(distinct video_id) from " + table(beamOut, "videos")))
                .containsExactly(List.of(String.valueOf(BackfillInputs.GOOD + 2)));
        // The date partition is the one of the rows' processed_at, as the Flink sink writes it.
        assertThat(
                        query(
                                "select count(*) from "
                                        + table(beamOut, "frames")
                                        + " where cast(dt as varchar) <> strftime(make_timestamp("
                                        + "epoch_ms(processed_at) * 1000), '%Y-%m-%d')"))
                .containsExactly(List.of("0"));
    }

    /** The column of a table that says when its row was written. */
    private static String runColumn(String table) {
        return table.equals("failures") ? "\"at\"" : "processed_at";
    }

    /** The rows of {@code sql} over one table of {@code out}, sorted, as strings. */
    private static List<List<String>> rows(Path out, String sql, String table) throws SQLException {
        List<List<String>> rows = query(String.format(sql, table(out, table)));
        rows.sort((a, b) -> a.toString().compareTo(b.toString()));
        return rows;
    }
}
