package io.framewise.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.elasticsearch.ElasticsearchConnection;
import io.framewise.connectors.elasticsearch.SearchIndex;
import io.framewise.jobs.graph.SearchIndices;
import io.framewise.pipeline.video.VideoRef;
import io.framewise.search.SearchQuery;
import io.framewise.search.SearchService;
import io.framewise.search.VideoMedia;
import io.framewise.search.Views;
import io.framewise.testkit.elasticsearch.LocalElasticsearch;
import io.framewise.testkit.samples.LabelledVideo;
import io.framewise.testkit.samples.SampleVideoWriter;
import io.framewise.testkit.samples.SampleVideos;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexing job end to end on a local MiniCluster: generated videos and broken files in, Parquet
 * tables (read with DuckDB, as analysts do) and keyframe JPEGs out.
 */
class IndexCommandITCase {

    static final String PREFIX = "index-test-";

    @TempDir static Path dir;
    static Path videos;
    static Path out;
    static LabelledVideo lecture;
    static LabelledVideo portrait;
    static String stdout;
    static int status;

    @BeforeAll
    static void indexOnce() throws Exception {
        videos = Files.createDirectories(dir.resolve("videos"));
        out = dir.resolve("out");
        lecture = SampleVideoWriter.write(SampleVideos.lecture(), videos);
        portrait = SampleVideoWriter.write(SampleVideos.portrait(), videos);
        byte[] whole = Files.readAllBytes(videos.resolve(lecture.file()));
        Files.write(videos.resolve("cut-short.mkv"), Arrays.copyOf(whole, whole.length / 2));
        Files.writeString(videos.resolve("notes.mp4"), "not a video\n".repeat(50));
        Files.writeString(videos.resolve("readme.txt"), "ignored: not a video extension");

        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        status =
                Framewise.run(
                        new String[] {
                            "index",
                            videos.toString(),
                            "--out",
                            out.toString(),
                            "--parallelism",
                            "2",
                            "--es",
                            LocalElasticsearch.shared().url(),
                            "--set",
                            "es.replicas=0",
                            "--set",
                            "es.index-prefix=" + PREFIX,
                            "--set",
                            "preview.enabled=true"
                        },
                        new PrintWriter(o),
                        new PrintWriter(e));
        stdout = o.toString();
        assertThat(e.toString()).isEmpty();
    }

    private static Statement duckdb() throws Exception {
        Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = db.createStatement();
        for (String table :
                new String[] {
                    "videos", "shots", "frames", "texts", "failures", "scenes", "cluster_members"
                }) {
            sql.execute(
                    "create view "
                            + table
                            + " as select * from read_parquet('"
                            + out.resolve(table + "/*/*.parquet")
                            + "', hive_partitioning = true)");
        }
        return sql;
    }

    @Test
    void finishesAndSummarises() {
        assertThat(status).isZero();
        assertThat(stdout)
                .contains("4 video(s)")
                .containsPattern("indexed\\s+2")
                .containsPattern("failed\\s+2");
    }

    @Test
    void videosBrowsersCannotPlayGetAPreviewThatTheSearchPlays() throws Exception {
        // The samples are MPEG-4 Part 2 in Matroska: no browser plays them as they are.
        Path previews = out.resolve("previews");
        for (LabelledVideo v : new LabelledVideo[] {lecture, portrait}) {
            String id = VideoRef.of(videos.resolve(v.file())).videoId();
            Path preview = previews.resolve(id + ".mp4");
            assertThat(preview).isRegularFile();
            try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(preview.toFile())) {
                g.start();
                assertThat(g.getVideoCodecName()).isEqualTo("h264");
                assertThat(g.getImageHeight()).isLessThanOrEqualTo(360);
                // As long as the original: the index's times hold in it.
                assertThat(g.getLengthInTime() / 1000.0)
                        .isCloseTo(v.frames() * 1000.0 / v.fps(), within(100.0));
            }
            java.util.Properties p = new java.util.Properties();
            p.setProperty("es.url", LocalElasticsearch.shared().url());
            p.setProperty("es.index-prefix", PREFIX);
            try (ElasticsearchConnection c =
                            ElasticsearchConnection.open(ElasticsearchConfig.from(p));
                    SearchService search = new SearchService(c, null, -1, previews)) {
                VideoMedia media = search.videoFile(id);
                assertThat(media.type()).isEqualTo("video/mp4");
                assertThat(media).isEqualTo(new VideoMedia.LocalFile(preview, "video/mp4"));
            }
        }
        // The broken files, failed in the index, have none (the truncated one could be shown in
        // part): previews are made of the videos indexed ok.
        try (java.util.stream.Stream<Path> made = Files.list(previews)) {
            assertThat(made).hasSize(2);
        }
    }

    @Test
    void theSearchIndicesHoldWhatTheTablesHold() throws Exception {
        assertThat(stdout).contains(PREFIX + "frames: ");
        java.util.Properties p = new java.util.Properties();
        p.setProperty("es.url", LocalElasticsearch.shared().url());
        p.setProperty("es.index-prefix", PREFIX);
        ElasticsearchConfig es = ElasticsearchConfig.from(p);
        Map<SearchIndex, Long> counts = SearchIndices.counts(es);
        try (Statement sql = duckdb()) {
            for (SearchIndex index : SearchIndex.values()) {
                if (index == SearchIndex.TRANSCRIPTS) {
                    // No speech in this run: no table, and nothing in the index.
                    assertThat(counts.get(index)).isZero();
                    continue;
                }
                ResultSet r = sql.executeQuery("select count(*) from " + index.shortName());
                r.next();
                assertThat(counts.get(index)).as(index.shortName()).isEqualTo(r.getLong(1));
            }
        }
        assertThat(counts.get(SearchIndex.VIDEOS)).isEqualTo(4);
        try (ElasticsearchConnection c = ElasticsearchConnection.open(es);
                SearchService search = new SearchService(c, null)) {
            Views.Hit top = search.search(SearchQuery.of("Why shots matter")).results().get(0);
            assertThat(top.title()).isEqualTo(lecture.file());
            assertThat(top.shot()).isEqualTo(1);
        }
    }

    /**
     * After the run, the videos documents hold the scenes of the {@code scenes} table and the frame
     * documents the cluster of their shot in {@code cluster_members} (the last revision of its
     * window), every one of them: the cluster ids came through partial updates, whichever sink
     * wrote first.
     */
    @Test
    void videoDocumentsCarryTheirScenesAndFrameDocumentsTheirShotsCluster() throws Exception {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("es.url", LocalElasticsearch.shared().url());
        p.setProperty("es.index-prefix", PREFIX);
        ElasticsearchConfig es = ElasticsearchConfig.from(p);
        SearchIndices.counts(es); // refreshes the indices
        try (Statement sql = duckdb();
                ElasticsearchConnection c = ElasticsearchConnection.open(es)) {
            ResultSet videos =
                    sql.executeQuery(
                            "select video_id, scenes, top_keywords::varchar k from videos"
                                    + " where status = 'ok' order by video_id");
            Map<String, Integer> sceneCounts = new java.util.TreeMap<>();
            Map<String, String> keywords = new HashMap<>();
            while (videos.next()) {
                sceneCounts.put(videos.getString("video_id"), videos.getInt("scenes"));
                keywords.put(videos.getString("video_id"), videos.getString("k"));
            }
            assertThat(sceneCounts).hasSize(2);
            for (String id : sceneCounts.keySet()) {
                com.fasterxml.jackson.databind.JsonNode doc =
                        c.json("GET", "/" + SearchIndex.VIDEOS.alias(es) + "/_doc/" + id, null)
                                .path("_source");
                assertThat(doc.path("scene_count").asInt()).isEqualTo(sceneCounts.get(id));
                assertThat(doc.path("top_keywords").toString().replace("\"", ""))
                        .isEqualTo(keywords.get(id).replace(", ", ","));
                ResultSet scenes =
                        sql.executeQuery(
                                "select scene_index, first_shot, last_shot, start_ms, end_ms,"
                                        + " keyframe_uri from scenes where video_id = '"
                                        + id
                                        + "' order by scene_index");
                int i = 0;
                while (scenes.next()) {
                    com.fasterxml.jackson.databind.JsonNode s = doc.path("scenes").get(i++);
                    assertThat(s.path("scene_index").asInt()).isEqualTo(scenes.getInt(1));
                    assertThat(s.path("first_shot").asInt()).isEqualTo(scenes.getInt(2));
                    assertThat(s.path("last_shot").asInt()).isEqualTo(scenes.getInt(3));
                    assertThat(s.path("start_ms").asLong()).isEqualTo(scenes.getLong(4));
                    assertThat(s.path("end_ms").asLong()).isEqualTo(scenes.getLong(5));
                    assertThat(s.path("keyframe_uri").asText()).isEqualTo(scenes.getString(6));
                }
                assertThat(doc.path("scenes")).as(id).hasSize(i);
                assertThat(i).as(id).isPositive();
            }

            ResultSet frames =
                    sql.executeQuery(
                            "select f.video_id || '/' || f.shot_index || '/' || f.frame id,"
                                    + " m.cluster_id from frames f left join (select video_id,"
                                    + " shot_index, cluster_id, row_number() over (partition by"
                                    + " video_id, shot_index order by window_start desc, revision"
                                    + " desc) n from cluster_members) m on m.video_id = f.video_id"
                                    + " and m.shot_index = f.shot_index and m.n = 1");
            Map<String, String> expected = new HashMap<>();
            while (frames.next()) {
                expected.put(frames.getString("id"), frames.getString("cluster_id"));
            }
            // Every keyframe's shot was clustered.
            assertThat(expected).isNotEmpty().doesNotContainValue(null);
            com.fasterxml.jackson.databind.node.ObjectNode body =
                    new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
            expected.keySet().forEach(body.putArray("ids")::add);
            Map<String, String> indexed = new HashMap<>();
            for (com.fasterxml.jackson.databind.JsonNode d :
                    c.json("POST", "/" + SearchIndex.FRAMES.alias(es) + "/_mget", body.toString())
                            .path("docs")) {
                indexed.put(
                        d.path("_id").asText(), d.path("_source").path("cluster_id").asText(null));
            }
            assertThat(indexed).isEqualTo(expected);
        }
    }

    @Test
    void everyVideoHasARowAndBrokenOnesAreFailures() throws Exception {
        try (Statement sql = duckdb()) {
            Map<String, String> status = new HashMap<>();
            ResultSet r = sql.executeQuery("select uri, status, shots, keyframes from videos");
            while (r.next()) {
                String file =
                        Path.of(java.net.URI.create(r.getString("uri"))).getFileName().toString();
                status.put(file, r.getString("status"));
                if (file.equals(lecture.file())) {
                    assertThat(r.getInt("shots")).isEqualTo(lecture.shots().size());
                    assertThat(r.getInt("keyframes"))
                            .isGreaterThanOrEqualTo(lecture.shots().size());
                }
            }
            assertThat(status)
                    .containsEntry(lecture.file(), "ok")
                    .containsEntry(portrait.file(), "ok")
                    .containsEntry("cut-short.mkv", "failed")
                    .containsEntry("notes.mp4", "failed")
                    .hasSize(4);
            ResultSet f =
                    sql.executeQuery("select uri, stage, code, message from failures order by uri");
            Map<String, String> codes = new HashMap<>();
            while (f.next()) {
                codes.put(
                        Path.of(java.net.URI.create(f.getString("uri"))).getFileName().toString(),
                        f.getString("code"));
                assertThat(f.getString("message")).isNotBlank();
            }
            assertThat(codes)
                    .containsEntry("cut-short.mkv", "truncated")
                    .containsEntry("notes.mp4", "not_a_video")
                    .hasSize(2);
        }
    }

    @Test
    void shotsMatchTheLabels() throws Exception {
        try (Statement sql = duckdb()) {
            ResultSet r =
                    sql.executeQuery(
                            "select s.first_frame, s.transition_in from shots s join videos v using (video_id)"
                                    + " where v.uri like '%"
                                    + lecture.file()
                                    + "' order by s.shot_index");
            int i = 0;
            while (r.next()) {
                long labelled = lecture.shots().get(i).firstFrame();
                long lo = labelled - 1;
                long hi = labelled + 1;
                // A shot entered gradually starts somewhere in its labelled transition.
                for (int[] g : lecture.gradual()) {
                    if (g[0] == labelled) {
                        hi = g[1] + 1;
                    }
                }
                assertThat(r.getLong("first_frame")).isBetween(lo, hi);
                i++;
            }
            assertThat(i).isEqualTo(lecture.shots().size());
            ResultSet kinds =
                    sql.executeQuery(
                            "select transition_in, count(*) n from shots group by 1 order by 1");
            Map<String, Integer> n = new HashMap<>();
            while (kinds.next()) {
                n.put(kinds.getString(1), kinds.getInt(2));
            }
            assertThat(n)
                    .containsEntry("start", 2)
                    .containsEntry("dissolve", 1)
                    .containsEntry("fade", 1);
        }
    }

    @Test
    void keyframesCarryTheTextOnScreenAndTheirPictures() throws Exception {
        try (Statement sql = duckdb()) {
            ResultSet r =
                    sql.executeQuery(
                            "select f.shot_index, f.ocr_text, f.has_text, f.keyframe_uri, f.timecode"
                                    + " from frames f join videos v using (video_id)"
                                    + " where v.uri like '%"
                                    + lecture.file()
                                    + "' order by f.frame");
            int withText = 0;
            while (r.next()) {
                assertThat(out.resolve(r.getString("keyframe_uri"))).exists().isRegularFile();
                assertThat(r.getString("timecode")).matches("\\d\\d:\\d\\d:\\d\\d:\\d\\d");
                if (r.getInt("shot_index") == 0) {
                    assertThat(r.getString("ocr_text")).contains("Streaming Video Indexing");
                }
                withText += r.getBoolean("has_text") ? 1 : 0;
            }
            // Every shot of the lecture has text on screen.
            assertThat(withText).isGreaterThanOrEqualTo(lecture.shots().size());
            ResultSet blank =
                    sql.executeQuery(
                            "select count(*) from frames f join videos v using (video_id) where v.uri like '%"
                                    + portrait.file()
                                    + "' and f.shot_index = 3 and f.has_text");
            assertThat(blank.next()).isTrue();
            // The portrait clip's fourth shot is moving shapes without text.
            assertThat(blank.getInt(1)).isZero();
            ResultSet texts =
                    sql.executeQuery(
                            "select t.text, t.first_ms, t.last_ms, t.sightings from texts t join videos v using (video_id)"
                                    + " where v.uri like '%"
                                    + lecture.file()
                                    + "' and t.shot_index = 0");
            assertThat(texts.next()).isTrue();
            assertThat(texts.getString("text")).contains("Streaming Video Indexing");
            assertThat(texts.getLong("last_ms")).isGreaterThanOrEqualTo(texts.getLong("first_ms"));
            assertThat(texts.getInt("sightings")).isPositive();
        }
    }

    @Test
    void keyframesCarryScoresAndVectors() throws Exception {
        try (Statement sql = duckdb()) {
            ResultSet r =
                    sql.executeQuery(
                            "select f.shot_text, f.text_model, len(f.text_vector) text_dims,"
                                    + " f.image_model, len(f.image_vector) image_dims, f.faces,"
                                    + " f.exposure, f.colourfulness, f.text_coverage, f.contrast,"
                                    + " f.motion from frames f join videos v using (video_id)"
                                    + " where v.uri like '%"
                                    + lecture.file()
                                    + "'");
            int rows = 0;
            while (r.next()) {
                rows++;
                // Every lecture shot has text: it is embedded with the default model.
                assertThat(r.getString("shot_text")).isNotBlank();
                assertThat(r.getString("text_model")).isEqualTo("all-minilm-l6-v2-q");
                assertThat(r.getInt("text_dims")).isEqualTo(384);
                assertThat(r.getString("image_model")).isEqualTo("colour-structure-v1");
                assertThat(r.getInt("image_dims")).isEqualTo(160);
                assertThat(r.getInt("faces")).isZero();
                assertThat(r.getDouble("exposure")).isBetween(0.0, 1.0);
                assertThat(r.getDouble("colourfulness")).isBetween(0.0, 1.0);
                // Slides carry one to two lines of large text.
                assertThat(r.getDouble("text_coverage")).isBetween(0.005, 0.5);
                assertThat(r.getDouble("contrast")).isPositive();
                // Slides hold still: next to no change around their keyframes.
                assertThat(r.getDouble("motion")).isBetween(0.0, 0.1);
            }
            assertThat(rows).isGreaterThanOrEqualTo(lecture.shots().size());
            // The portrait clip's moving shapes have no text, hence no text vector.
            ResultSet blank =
                    sql.executeQuery(
                            "select count(*) from frames f join videos v using (video_id) where"
                                    + " v.uri like '%"
                                    + portrait.file()
                                    + "' and f.shot_index = 3 and f.text_vector is not null");
            assertThat(blank.next()).isTrue();
            assertThat(blank.getInt(1)).isZero();
            ResultSet failures =
                    sql.executeQuery(
                            "select count(*) from failures where stage in ('embed',"
                                    + " 'image_embedding', 'scores')");
            assertThat(failures.next()).isTrue();
            assertThat(failures.getInt(1)).isZero();
        }
    }

    /**
     * A query embedded by {@code framewise embed} finds the keyframe of the slide it paraphrases
     * among the indexed frames, ranked by cosine as an analyst would in DuckDB.
     */
    @Test
    void aParaphrasedQueryFindsItsSlide() throws Exception {
        Map<String, Integer> queries = new java.util.LinkedHashMap<>();
        queries.put("indexing of streamed video", 0); // "Streaming Video Indexing", "Week 3"
        queries.put("why camera takes are important", 1); // "Why shots matter", ...
        queries.put("homework: compute the F1 score", 3); // "Exercise 2", "Measure F1"
        queries.put("thank you for your attention", 6); // "Thank you"
        StringWriter o = new StringWriter();
        String[] args = new String[queries.size() + 2];
        args[0] = "embed";
        args[1] = "--json";
        int i = 2;
        for (String q : queries.keySet()) {
            args[i++] = q;
        }
        assertThat(Framewise.run(args, new PrintWriter(o), new PrintWriter(new StringWriter())))
                .isZero();
        String[] lines = o.toString().strip().split("\n");
        com.fasterxml.jackson.databind.JsonNode json =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(json.get("model").asText()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(json.get("dims").asInt()).isEqualTo(384);
        try (Statement sql = duckdb()) {
            int q = 0;
            for (Map.Entry<String, Integer> query : queries.entrySet()) {
                String vector = json.get("vectors").get(q++).toString();
                // Fixed-size arrays: DuckDB's list_cosine_similarity fails ("can not contain NULL
                // values") on a Parquet file that mixes frames with and without a vector, even
                // where those without are filtered out.
                ResultSet best =
                        sql.executeQuery(
                                "select v.uri, f.shot_index,"
                                        + " array_cosine_similarity(f.text_vector::FLOAT[384], "
                                        + vector
                                        + "::FLOAT[384]) cos from frames f join videos v using"
                                        + " (video_id) where f.text_vector is not null order by"
                                        + " cos desc limit 1");
                assertThat(best.next()).isTrue();
                assertThat(best.getString("uri")).endsWith(lecture.file());
                assertThat(best.getInt("shot_index"))
                        .as("best match for '%s'", query.getKey())
                        .isEqualTo(query.getValue());
            }
        }
    }
}
