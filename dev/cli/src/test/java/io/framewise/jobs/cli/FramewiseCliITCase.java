package io.framewise.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.testkit.elasticsearch.LocalElasticsearch;
import io.framewise.testkit.samples.LabelledVideo;
import io.framewise.testkit.samples.SampleVideoWriter;
import io.framewise.testkit.samples.SampleVideos;
import io.framewise.testkit.samples.SpeakingVideo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as other tools use it: exit codes and the JSON contracts. */
class FramewiseCliITCase {

    @TempDir Path dir;

    private record Run(int status, String out, String err) {
        JsonNode lastLine() throws Exception {
            String[] lines = out.strip().split("\n");
            return new ObjectMapper().readTree(lines[lines.length - 1]);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = DevFramewise.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void detectJsonHasTheDocumentedFields() throws Exception {
        LabelledVideo v = SampleVideoWriter.write(SampleVideos.lecture(), dir);
        Path file = dir.resolve(v.file());
        Run r = run("detect", "--json", "--segments", "2", file.toString());
        assertThat(r.status()).isZero();
        JsonNode j = r.lastLine();
        assertThat(j.get("video").asText()).isEqualTo(file.toString());
        assertThat(j.get("width").asInt()).isEqualTo(640);
        assertThat(j.get("height").asInt()).isEqualTo(360);
        assertThat(j.get("fps").asDouble()).isEqualTo(30.0);
        assertThat(j.get("frames").asInt()).isEqualTo(v.frames());
        assertThat(j.get("duration_ms").asLong()).isBetween(17100L, 17200L);
        JsonNode cut = j.get("cuts").get(0);
        assertThat(cut.get("frame").asInt()).isEqualTo(v.cuts().get(0));
        assertThat(cut.get("ms").asLong()).isEqualTo(2500);
        assertThat(cut.get("timecode").asText()).isEqualTo("00:00:02:15");
        JsonNode g = j.get("gradual").get(0);
        assertThat(g.get("kind").asText()).isEqualTo("dissolve");
        assertThat(g.has("first_frame") && g.has("last_frame")).isTrue();
        JsonNode shot = j.get("shots").get(1);
        assertThat(shot.get("index").asInt()).isEqualTo(1);
        assertThat(shot.get("first_frame").asInt()).isEqualTo(v.cuts().get(0));
        assertThat(shot.has("last_frame") && shot.has("start_ms") && shot.has("end_ms")).isTrue();
        assertThat(j.get("shots")).hasSize(v.shots().size());
    }

    @Test
    void brokenInputIsAnErrorObjectAndExitStatusTwo() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "not a video\n");
        Run r = run("detect", "--json", text.toString());
        assertThat(r.status()).isEqualTo(2);
        JsonNode j = r.lastLine();
        assertThat(j.get("video").asText()).isEqualTo(text.toString());
        assertThat(j.get("error").get("code").asText()).isEqualTo("not_a_video");
        assertThat(j.get("error").get("message").asText()).contains("notes.mp4");

        Run plain = run("detect", dir.resolve("missing.mkv").toString());
        assertThat(plain.status()).isEqualTo(2);
        assertThat(plain.err()).startsWith("error (not_found): ").doesNotContain("\tat ");
    }

    @Test
    void badConfigurationIsOneLineNamingTheKey() {
        Run r = run("detect", "--set", "shots.cut.adaptive-ratio=lots", "x.mp4");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err().strip())
                .isEqualTo(
                        "framewise: configuration error: shots.cut.adaptive-ratio must be a number, got 'lots'");
    }

    @Test
    void demoIndexesTheSamplesThenEvalScoresThem() throws Exception {
        // The JVM's shared Elasticsearch, not one of the demo's own: CI runs the demo through the
        // launcher and covers that (.ci/run).
        Run demo =
                run(
                        "demo",
                        "--out",
                        dir.toString(),
                        "--no-serve",
                        "--es",
                        LocalElasticsearch.shared().url(),
                        "--set",
                        "es.replicas=0",
                        "--set",
                        "es.index-prefix=demo-test-");
        assertThat(demo.status()).as(demo.err()).isZero();
        assertThat(demo.out())
                .contains("lecture.mp4", "portrait.webm", "Streaming Video Indexing")
                .contains("shot starts against the labels: precision 1.00, recall 1.00")
                .contains("failure: plan not_a_video")
                .contains("built-in LLM simulator")
                .contains("described: \"A ")
                // The three labelled samples, and the speaking one where espeak-ng is installed.
                .containsPattern("indexed\\s+" + (SpeakingVideo.available() ? 4 : 3))
                .contains("demo-test-frames: ")
                .contains("search \"Content detector\": lecture.mp4 shot 2 at ")
                .contains("search \"Sunset over the harbour\": motion.mp4 shot 2 at ")
                .contains("search \"follow for more\": portrait.webm shot 4 at ");
        if (SpeakingVideo.available()) {
            assertThat(demo.out())
                    .contains("talk.mp4 (talk-")
                    .contains("shot 2  \"The library closes at nine tonight.\"")
                    .contains("model: framewise-sim-speech (no speech recognition)")
                    .contains("search spoken \"library closes at nine\": talk-");
        }
        assertThat(dir.resolve("videos")).isDirectory();
        assertThat(dir.resolve("keyframes")).isDirectory();

        Run eval = run("eval", "--json", dir.resolve("samples/manifest.json").toString());
        assertThat(eval.status()).isZero();
        JsonNode j = eval.lastLine();
        assertThat(j.get("videos")).hasSize(SampleVideos.demo().size());
        assertThat(j.get("total").get("f1").asDouble()).isEqualTo(1.0);
        assertThat(j.get("total").get("hard_cuts").get("f1").asDouble()).isEqualTo(1.0);
        // The demo's broken upload is in the manifest and must be reported as an error.
        assertThat(j.get("broken_ok").asInt()).isEqualTo(1);
        assertThat(j.get("broken_total").asInt()).isEqualTo(1);
    }

    @Test
    void benchSearchMeasuresASmallCorpusAndCleansUp() throws Exception {
        String url = LocalElasticsearch.shared().url();
        Run r =
                run(
                        "bench",
                        "search",
                        "--es",
                        url,
                        "--set",
                        "es.replicas=0",
                        "--set",
                        "es.index-prefix=bench-test-",
                        "--set",
                        "es.vector.index-type=hnsw",
                        "--docs",
                        "300",
                        "--dims",
                        "32",
                        "--queries",
                        "5",
                        "--recall-queries",
                        "5",
                        "--parallelism",
                        "2",
                        "--json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = r.lastLine();
        assertThat(j.get("docs").asInt()).isEqualTo(300);
        assertThat(j.get("sink_docs_per_second").asDouble()).isPositive();
        assertThat(j.get("ingester_docs_per_second").asDouble()).isPositive();
        for (String mode : new String[] {"text", "vector", "hybrid"}) {
            JsonNode p = j.get("latency_ms").get(mode);
            assertThat(p.get(0).asDouble())
                    .as(mode)
                    .isPositive()
                    .isLessThanOrEqualTo(p.get(1).asDouble());
        }
        j.get("recall_at10").forEach(v -> assertThat(v.asDouble()).isBetween(0.0, 1.0));
        // Float HNSW over 300 documents with 200 candidates is as good as exact: a recall below
        // means the comparison with DuckDB is broken, not the index.
        assertThat(j.get("recall_at10").get("200").asDouble())
                .as(r.out())
                .isGreaterThanOrEqualTo(0.95);
        assertThat(j.get("vector_index_type").asText()).isEqualTo("hnsw");
        java.net.http.HttpResponse<String> left =
                java.net.http.HttpClient.newHttpClient()
                        .send(
                                java.net.http.HttpRequest.newBuilder(
                                                java.net.URI.create(
                                                        url + "/_cat/indices/bench-test-*?h=index"))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(left.body().strip()).isEmpty();
    }

    @Test
    void helpListsEveryCommand() {
        Run r = run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains(
                        "detect",
                        "index",
                        "backfill",
                        "stream",
                        "eval",
                        "bench",
                        "demo",
                        "serve",
                        "test");
    }

    @Test
    void embedJsonHasModelDimsAndOneVectorPerText() throws Exception {
        Run r = run("embed", "--json", "Quarterly results", "  ", "Quarterly results");
        assertThat(r.status()).isZero();
        JsonNode j = r.lastLine();
        assertThat(j.get("model").asText()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(j.get("dims").asInt()).isEqualTo(384);
        JsonNode v = j.get("vectors");
        assertThat(v).hasSize(3);
        assertThat(v.get(0)).hasSize(384);
        // A blank text has no vector, as in the frames table; the same text the same vector.
        assertThat(v.get(1).isNull()).isTrue();
        assertThat(v.get(2)).isEqualTo(v.get(0));

        Run bge = run("embed", "--json", "--set", "embedding.model=bge-small-en-v1.5-q", "x");
        assertThat(bge.status()).isZero();
        assertThat(bge.lastLine().get("model").asText()).isEqualTo("bge-small-en-v1.5-q");
    }

    @Test
    void badScoringOrEmbeddingSettingsAreOneLineNamingTheKey() {
        Run engine = run("embed", "--set", "scoring.engine=tensorflow", "x");
        assertThat(engine.status()).isEqualTo(1);
        assertThat(engine.err().strip())
                .isEqualTo(
                        "framewise: configuration error: scoring.engine must be onnxruntime,"
                                + " tensorrt or pytorch, got 'tensorflow'");
        Run gpu = run("embed", "--set", "scoring.device=gpu:7", "x");
        assertThat(gpu.status()).isEqualTo(1);
        assertThat(gpu.err()).startsWith("framewise: configuration error: scoring.device=gpu:7");
        Run file = run("embed", "--set", "embedding.model.file=/no/such.onnx", "x");
        assertThat(file.status()).isEqualTo(1);
        assertThat(file.err())
                .contains("embedding.model.file: no readable file at /no/such.onnx")
                .doesNotContain("\tat ");
    }

    @Test
    void indexWithAWrongModelStopsWithOneLineNamingTheKey() throws Exception {
        // The local run checks the models beside the MiniCluster's start, not before it: the job
        // it started is stopped and the message is the same as the check's before the job.
        LabelledVideo v = SampleVideoWriter.write(SampleVideos.lecture(), dir);
        Path out = dir.resolve("out");
        Run r =
                run(
                        "index",
                        "--set",
                        "embedding.dims=7",
                        dir.resolve(v.file()).toString(),
                        "--out",
                        out.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err())
                .contains("framewise: configuration error: embedding.dims is 7 but")
                .doesNotContain("\tat ");
    }
}
