package io.framewise.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.connectors.parquet.ParquetDeadLetters;
import io.framewise.connectors.parquet.ParquetTableReader;
import io.framewise.connectors.parquet.Tables;
import io.framewise.pipeline.rows.ClusterMemberRow;
import io.framewise.pipeline.rows.FrameRow;
import io.framewise.pipeline.rows.SceneRow;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.pipeline.rows.VideoSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregation's documents in a real Elasticsearch, written by the sink in MiniCluster jobs:
 * videos with their summary and scenes, and shots' cluster ids merged into their keyframes'
 * documents whichever of the two writers comes first, without half documents.
 */
class SummariesAndClustersITCase {

    @TempDir Path out;

    private static StreamExecutionEnvironment env() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.enableCheckpointing(200);
        return env;
    }

    private static ElasticsearchConfig config(int retries) {
        Properties p = TestCluster.settings();
        p.setProperty("es.retry.max", String.valueOf(retries));
        ElasticsearchConfig es = ElasticsearchConfig.from(p);
        TestCluster.install(es);
        return es;
    }

    private static VideoRow video(String id, VideoSummary summary) {
        return new VideoRow(
                id,
                "file:///videos/" + id + ".mp4",
                1280,
                720,
                25.0,
                750,
                30_000,
                "h264",
                3,
                4,
                120,
                summary == null ? "failed" : "ok",
                1_763_700_000_000L,
                summary);
    }

    @Test
    void videoDocumentsCarryTheSummaryAndTheScenes() throws Exception {
        ElasticsearchConfig es = config(8);
        List<SceneRow> scenes =
                List.of(
                        new SceneRow("talk", 0, 0, 1, 0, 12_000, "keyframes/talk/0-5.jpg", 1L),
                        new SceneRow(
                                "talk", 1, 2, 2, 12_000, 30_000, "keyframes/talk/2-400.jpg", 1L));
        VideoSummary summary =
                new VideoSummary(
                                2,
                                10_000,
                                0.4,
                                List.of("invoice", "total"),
                                List.of("#202060", "#e0e0e0"),
                                0.3,
                                0.5,
                                0.7,
                                0.0125,
                                List.of("earlier-talk"),
                                List.of())
                        .withSceneRows(scenes);
        for (int run = 0; run < 2; run++) {
            // The second run replays: the same id, one document.
            StreamExecutionEnvironment env = env();
            env.fromData(
                            List.of(video("talk", summary), video("broken", null)),
                            TypeInformation.of(VideoRow.class))
                    .sinkTo(ElasticsearchSink.videos(es, ParquetDeadLetters.of(out.toString())));
            env.execute("videos with summaries " + run);
        }
        assertThat(TestCluster.count(es, SearchIndex.VIDEOS)).isEqualTo(2);

        JsonNode v = TestCluster.get(es, SearchIndex.VIDEOS, "talk");
        assertThat(v.path("scene_count").asInt()).isEqualTo(2);
        assertThat(v.path("mean_shot_ms").asDouble()).isEqualTo(10_000);
        assertThat(v.path("text_coverage").asDouble()).isEqualTo(0.4);
        assertThat(v.path("top_keywords").toString()).isEqualTo("[\"invoice\",\"total\"]");
        assertThat(v.path("dominant_colours").toString()).isEqualTo("[\"#202060\",\"#e0e0e0\"]");
        assertThat(v.path("quality_p10").asDouble()).isEqualTo(0.3);
        assertThat(v.path("quality_p50").asDouble()).isEqualTo(0.5);
        assertThat(v.path("quality_p90").asDouble()).isEqualTo(0.7);
        assertThat(v.path("enrichment_cost").asDouble()).isEqualTo(0.0125);
        assertThat(v.path("near_duplicates").toString()).isEqualTo("[\"earlier-talk\"]");
        JsonNode second = v.path("scenes").get(1);
        assertThat(second.path("scene_index").asInt()).isEqualTo(1);
        assertThat(second.path("first_shot").asInt()).isEqualTo(2);
        assertThat(second.path("last_shot").asInt()).isEqualTo(2);
        assertThat(second.path("start_ms").asLong()).isEqualTo(12_000);
        assertThat(second.path("end_ms").asLong()).isEqualTo(30_000);
        assertThat(second.path("keyframe_uri").asText()).isEqualTo("keyframes/talk/2-400.jpg");
        assertThat(v.path("scenes")).hasSize(2);
        // A failed video has no summary, so none of its fields.
        JsonNode broken = TestCluster.get(es, SearchIndex.VIDEOS, "broken");
        assertThat(broken.has("scenes") || broken.has("scene_count")).isFalse();

        // The scenes are nested objects: "the scene at 15 s" matches start and end of one scene.
        try (ElasticsearchConnection c = ElasticsearchConnection.open(es)) {
            JsonNode r =
                    c.json(
                            "POST",
                            "/" + SearchIndex.VIDEOS.alias(es) + "/_search",
                            "{\"query\":{\"nested\":{\"path\":\"scenes\",\"inner_hits\":{},"
                                    + "\"query\":{\"bool\":{\"filter\":["
                                    + "{\"range\":{\"scenes.start_ms\":{\"lte\":15000}}},"
                                    + "{\"range\":{\"scenes.end_ms\":{\"gt\":15000}}}]}}}}}");
            JsonNode hits = r.path("hits").path("hits");
            assertThat(hits).hasSize(1);
            JsonNode inner = hits.get(0).path("inner_hits").path("scenes").path("hits");
            assertThat(inner.path("hits")).hasSize(1);
            assertThat(inner.path("hits").get(0).path("_source").path("scene_index").asInt())
                    .isEqualTo(1);
        }
    }

    private static float[] vector(int seed) {
        float[] v = new float[384];
        v[seed % 384] = 1;
        v[(seed * 7 + 3) % 384] = 0.5f;
        return v;
    }

    private static List<FrameRow> clipFrames(String shot1Text) {
        return List.of(
                ElasticsearchSinkITCase.frame("clip", 0, 0, 0.5, "Intro")
                        .withTextVector("test", vector(1)),
                ElasticsearchSinkITCase.frame("clip", 0, 30, 0.6, "Intro again")
                        .withTextVector("test", vector(2)),
                ElasticsearchSinkITCase.frame("clip", 1, 60, 0.7, shot1Text));
    }

    private static void writeFrames(ElasticsearchConfig es, List<FrameRow> frames, Path out)
            throws Exception {
        StreamExecutionEnvironment env = env();
        env.fromData(frames, TypeInformation.of(FrameRow.class))
                .sinkTo(ElasticsearchSink.frames(es, ParquetDeadLetters.of(out.toString())));
        env.execute("frames");
    }

    private static List<String> idsInCluster(ElasticsearchConfig es, String cluster)
            throws Exception {
        try (ElasticsearchConnection c = ElasticsearchConnection.open(es)) {
            c.json("POST", "/" + SearchIndex.FRAMES.alias(es) + "/_refresh", null);
            JsonNode hits =
                    c.json(
                                    "POST",
                                    "/" + SearchIndex.FRAMES.alias(es) + "/_search",
                                    "{\"query\":{\"term\":{\"cluster_id\":\""
                                            + cluster
                                            + "\"}},\"sort\":[{\"frame\":\"asc\"}]}")
                            .path("hits")
                            .path("hits");
            List<String> ids = new ArrayList<>();
            hits.forEach(h -> ids.add(h.path("_id").asText()));
            return ids;
        }
    }

    @Test
    void clusterIdsReachTheFrameDocumentsWhicheverIsWrittenFirst() throws Exception {
        // Enough retries (at most 0.5 s apart) for the frames to come while the updates wait.
        ElasticsearchConfig es = config(30);
        List<ClusterMemberRow> members =
                List.of(
                        new ClusterMemberRow(
                                "acme", 0, "acme:c1", 0, "clip", 0, 0.1, new long[] {0, 30}),
                        new ClusterMemberRow(
                                "acme", 0, "acme:c2", 0, "clip", 1, 0.2, new long[] {60}));

        // 1. The cluster ids first: their frame documents are not there yet.
        StreamExecutionEnvironment clusters = env();
        clusters.fromData(members, TypeInformation.of(ClusterMemberRow.class))
                .sinkTo(ElasticsearchSink.frameClusters(es, ParquetDeadLetters.of(out.toString())));
        JobClient updates = clusters.executeAsync("cluster ids");
        while (updates.getJobStatus().get() != JobStatus.RUNNING) {
            Thread.sleep(50);
        }
        // Past the flush at the end of its input: the updates are being retried, and they made
        // no document of their own.
        Thread.sleep(1500);
        assertThat(updates.getJobExecutionResult()).as("the updates' job").isNotDone();
        assertThat(TestCluster.count(es, SearchIndex.FRAMES)).isZero();

        // 2. Then the frames; the waiting updates land on them.
        writeFrames(es, clipFrames("Chart"), out);
        updates.getJobExecutionResult().get();
        assertThat(idsInCluster(es, "acme:c1")).containsExactly("clip/0/0", "clip/0/30");
        assertThat(idsInCluster(es, "acme:c2")).containsExactly("clip/1/60");
        JsonNode first = TestCluster.get(es, SearchIndex.FRAMES, "clip/0/0");
        assertThat(first.path("ocr_text").asText()).isEqualTo("Intro");
        assertThat(first.path("text_vector")).hasSize(384);
        assertThat(first.path("text_vector").get(1).asDouble()).isEqualTo(1.0);

        // 3. The frames again (a replay after a restart, or the video indexed again) with one
        // text gone: their fields are replaced, the cluster ids stay.
        writeFrames(es, clipFrames(null), out);
        assertThat(TestCluster.count(es, SearchIndex.FRAMES)).isEqualTo(3);
        assertThat(idsInCluster(es, "acme:c1")).containsExactly("clip/0/0", "clip/0/30");
        assertThat(idsInCluster(es, "acme:c2")).containsExactly("clip/1/60");
        JsonNode last = TestCluster.get(es, SearchIndex.FRAMES, "clip/1/60");
        assertThat(last.path("ocr_text").isNull()).isTrue();
        assertThat(last.path("has_text").asBoolean()).isFalse();

        // 4. A later revision of the window moves the shot to another cluster.
        StreamExecutionEnvironment again = env();
        again.fromData(
                        new ClusterMemberRow(
                                "acme", 0, "acme:c1", 1, "clip", 1, 0.3, new long[] {60}))
                .sinkTo(ElasticsearchSink.frameClusters(es, ParquetDeadLetters.of(out.toString())));
        again.execute("cluster ids, revision 1");
        assertThat(idsInCluster(es, "acme:c1"))
                .containsExactly("clip/0/0", "clip/0/30", "clip/1/60");
        assertThat(idsInCluster(es, "acme:c2")).isEmpty();
        assertThat(ParquetTableReader.read(out, Tables.FAILURES)).isEmpty();
    }

    @Test
    void aClusterIdWhoseFrameNeverComesIsAFailureRowNotAHalfDocument() throws Exception {
        ElasticsearchConfig es = config(2);
        writeFrames(es, clipFrames("Chart"), out);
        StreamExecutionEnvironment env = env();
        env.fromData(
                        new ClusterMemberRow(
                                "acme", 0, "acme:c1", 0, "clip", 0, 0.1, new long[] {0, 999}))
                .sinkTo(ElasticsearchSink.frameClusters(es, ParquetDeadLetters.of(out.toString())));
        // The job finishes: a missing document costs its update, nothing else.
        env.execute("cluster ids of a frame that never comes");

        assertThat(idsInCluster(es, "acme:c1")).containsExactly("clip/0/0");
        assertThat(TestCluster.count(es, SearchIndex.FRAMES)).isEqualTo(3);
        List<GenericRecord> failures = ParquetTableReader.read(out, Tables.FAILURES);
        assertThat(failures).hasSize(1);
        GenericRecord f = failures.get(0);
        assertThat(f.get("video_id").toString()).isEqualTo("clip");
        assertThat(f.get("input").toString())
                .isEqualTo("elasticsearch:" + SearchIndex.FRAMES.alias(es) + "/clip/0/999");
        assertThat(f.get("stage").toString()).isEqualTo("elasticsearch");
        assertThat(f.get("code").toString()).isEqualTo("es_missing_document");
        assertThat(f.get("message").toString())
                .startsWith("HTTP 404 document_missing_exception")
                .contains("still missing after 2 retries");
        // Sent once and retried twice.
        assertThat(f.get("attempt")).isEqualTo(3);
    }
}
