package io.framewise.beam;

import static io.framewise.beam.ParquetQueries.query;
import static io.framewise.beam.ParquetQueries.table;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.framewise.connectors.elasticsearch.Document;
import io.framewise.connectors.elasticsearch.DocumentMapper;
import io.framewise.connectors.elasticsearch.Documents;
import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.elasticsearch.ElasticsearchConnection;
import io.framewise.connectors.elasticsearch.IndexTemplates;
import io.framewise.connectors.elasticsearch.SearchIndex;
import io.framewise.connectors.parquet.Tables;
import io.framewise.jobs.JobEnvironment;
import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.jobs.graph.IndexJob;
import io.framewise.jobs.graph.LocalVideos;
import io.framewise.pipeline.rows.FailureRow;
import io.framewise.pipeline.video.VideoRef;
import io.framewise.testkit.elasticsearch.LocalElasticsearch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Beam backfill with its Elasticsearch output on, against a real single-node Elasticsearch
 * ({@link LocalElasticsearch}), beside the Flink job with its own (another index prefix on the same
 * node), over the same generated prefix: the {@code videos}, {@code shots} and {@code frames}
 * indices must hold the same documents under the same ids, and those ids must be the ones the
 * shared {@link Documents} code gives the Beam run's Parquet rows. A document Elasticsearch rejects
 * must become a {@code failures} row with its reason.
 */
class BeamElasticsearchITCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Fields that say when a document was written: the only ones that differ between runs. */
    private static final Set<String> RUN_FIELDS = Set.of("processed_at");

    /** Vectors: compared by direction (the model's rounding), as in {@link BeamBackfillITCase}. */
    private static final Set<String> VECTORS = Set.of("text_vector", "image_vector");

    @TempDir static Path dir;

    private static ElasticsearchConfig beamEs;
    private static ElasticsearchConfig flinkEs;
    private static Path beamOut;
    private static PipelineResult.State beamState;

    private static Properties settings(String url, String prefix) {
        Properties p = new Properties();
        p.setProperty("es.url", url);
        p.setProperty("es.index-prefix", prefix);
        p.setProperty("es.replicas", "0");
        // One text per model call in both engines (BeamBackfillITCase says why).
        p.setProperty("embedding.batch.size", "1");
        // The same cluster windows for both runs, so the frames' cluster ids compare.
        p.setProperty(BeamBackfillITCase.CLUSTER_WINDOW, BeamBackfillITCase.WINDOW);
        String[] several = BeamBackfillITCase.SEVERAL_CLUSTERS.split("=");
        p.setProperty(several[0], several[1]);
        return p;
    }

    @BeforeAll
    static void runBothEnginesIntoElasticsearch() throws Exception {
        String url = LocalElasticsearch.shared().url();
        Path in = dir.resolve("in");
        BackfillInputs.write(in);
        beamOut = dir.resolve("beam");

        Properties beam = settings(url, "beam-es-");
        List<String> args = new ArrayList<>();
        args.add("--input=" + in);
        args.add("--output=" + beamOut);
        args.add("--targetParallelism=2");
        List<String> pairs = new ArrayList<>();
        beam.forEach((k, v) -> pairs.add(k + "=" + v));
        args.add("--settings=" + String.join(",", pairs));
        BackfillOptions options = BeamBackfillPipeline.options(args.toArray(String[]::new));
        beamState = BeamBackfillPipeline.create(options).run().waitUntilFinish();
        beamEs = ElasticsearchConfig.from(beam);

        List<VideoRef> videos = BackfillInputs.listed(in);
        FramewiseConfig config = FramewiseConfig.parse(settings(url, "flink-es-"));
        assertThat(config.search()).isTrue();
        flinkEs = config.es();
        var env = JobEnvironment.create(2, Map.of(), config);
        IndexJob.of(new LocalVideos(videos), config, dir.resolve("flink").toString()).build(env);
        env.execute("framewise index");
    }

    @Test
    void theIndicesHoldTheFlinkJobsDocumentsUnderTheSameIds() throws Exception {
        assertThat(beamState).isEqualTo(PipelineResult.State.DONE);
        for (SearchIndex index :
                List.of(SearchIndex.VIDEOS, SearchIndex.SHOTS, SearchIndex.FRAMES)) {
            Map<String, JsonNode> beam = documents(beamEs, index);
            Map<String, JsonNode> flink = documents(flinkEs, index);
            assertThat(beam.keySet()).as(index.shortName()).isNotEmpty().isEqualTo(flink.keySet());
            for (String id : beam.keySet()) {
                assertSameDocument(index.shortName() + " " + id, beam.get(id), flink.get(id));
            }
        }
        // Every frame document has its shot's cluster id, written after the frames.
        for (JsonNode frame : documents(beamEs, SearchIndex.FRAMES).values()) {
            assertThat(frame.path("cluster_id").asText()).as(frame.toString()).isNotBlank();
        }
    }

    @Test
    void documentIdsAreTheSharedDocumentsIdsOfTheParquetRows() throws Exception {
        Set<String> videos = new TreeSet<>();
        query("select video_id from " + table(beamOut, "videos"))
                .forEach(r -> videos.add(r.get(0)));
        Set<String> shots = new TreeSet<>();
        query("select video_id, shot_index from " + table(beamOut, "shots"))
                .forEach(r -> shots.add(Documents.shotId(r.get(0), Integer.parseInt(r.get(1)))));
        Set<String> frames = new TreeSet<>();
        query("select video_id, shot_index, frame from " + table(beamOut, "frames"))
                .forEach(
                        r ->
                                frames.add(
                                        Documents.frameId(
                                                r.get(0),
                                                Integer.parseInt(r.get(1)),
                                                Long.parseLong(r.get(2)))));
        assertThat(documents(beamEs, SearchIndex.VIDEOS).keySet()).isNotEmpty().isEqualTo(videos);
        assertThat(documents(beamEs, SearchIndex.SHOTS).keySet()).isNotEmpty().isEqualTo(shots);
        assertThat(documents(beamEs, SearchIndex.FRAMES).keySet()).isNotEmpty().isEqualTo(frames);
        // Nothing was rejected: the only failures are the broken inputs'.
        assertThat(query("select stage from " + table(beamOut, "failures")))
                .hasSize(BackfillInputs.BROKEN.size())
                .noneMatch(r -> r.get(0).equals("elasticsearch"));
    }

    @Test
    void aRejectedDocumentBecomesAFailureRowWithItsReason() throws Exception {
        ElasticsearchConfig es = beamEs.withIndexPrefix("beam-rejects-");
        try (ElasticsearchConnection c = ElasticsearchConnection.open(es)) {
            IndexTemplates.install(c);
        }
        Path out = dir.resolve("rejects");
        Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
        PCollection<FailureRow> rejected =
                pipeline.apply(Create.of("good", "bad"))
                        .apply(
                                ParDo.of(
                                        new IndexDocumentsFn<>(
                                                es, SearchIndex.FRAMES, frameNumbered())))
                        .setCoder(Outputs.coder(FailureRow.class));
        ParquetTable.write(rejected, Tables.FAILURES, out.toString());
        assertThat(pipeline.run().waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

        List<List<String>> failures =
                query(
                        "select video_id, stage, code, message, input, payload from "
                                + table(out, "failures"));
        assertThat(failures).hasSize(1);
        List<String> f = failures.get(0);
        assertThat(f.subList(0, 3)).containsExactly("video-bad", "elasticsearch", "es_rejected");
        assertThat(f.get(3)).startsWith("HTTP 400 ").contains("frame");
        assertThat(f.get(4)).isEqualTo("elasticsearch:" + SearchIndex.FRAMES.alias(es) + "/bad");
        assertThat(f.get(5)).contains("not a frame number");
        // The good one went in beside it.
        assertThat(documents(es, SearchIndex.FRAMES).keySet()).containsExactly("good");
    }

    /**
     * A frame document whose {@code frame} is a number, or (for "bad") text the mapping refuses.
     */
    private static DocumentMapper<String> frameNumbered() {
        return name ->
                new Document(
                        name,
                        "video-" + name,
                        Map.of(
                                "video_id",
                                "video-" + name,
                                "frame",
                                name.equals("bad") ? "not a frame number" : 7));
    }

    /**
     * The same fields with the same values, but those that depend on the run; vectors by cosine.
     */
    private static void assertSameDocument(String what, JsonNode beam, JsonNode flink) {
        ObjectNode b = beam.deepCopy();
        ObjectNode f = flink.deepCopy();
        b.remove(RUN_FIELDS);
        f.remove(RUN_FIELDS);
        for (String vector : VECTORS) {
            assertSameDirection(what + " " + vector, b.remove(vector), f.remove(vector));
        }
        assertThat(b).as(what).isNotEmpty().isEqualTo(f);
    }

    private static void assertSameDirection(String what, JsonNode beam, JsonNode flink) {
        if (beam == null || beam.isNull() || flink == null || flink.isNull()) {
            assertThat(beam == null || beam.isNull()).as(what).isTrue();
            assertThat(flink == null || flink.isNull()).as(what).isTrue();
            return;
        }
        assertThat(beam.size()).as(what).isEqualTo(flink.size()).isPositive();
        double dot = 0;
        double na = 0;
        double nb = 0;
        Iterator<JsonNode> x = beam.elements();
        Iterator<JsonNode> y = flink.elements();
        while (x.hasNext()) {
            double a = x.next().asDouble();
            double c = y.next().asDouble();
            dot += a * c;
            na += a * a;
            nb += c * c;
        }
        assertThat(dot / Math.sqrt(na * nb)).as(what).isGreaterThan(0.9999);
    }

    /** Every document of an index (refreshed first), by id. */
    private static Map<String, JsonNode> documents(ElasticsearchConfig es, SearchIndex index)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String alias = es.url() + "/" + index.alias(es);
        http.send(
                HttpRequest.newBuilder(URI.create(alias + "/_refresh"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(alias + "/_search?size=10000")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode hits = JSON.readTree(r.body()).path("hits");
        Map<String, JsonNode> docs = new TreeMap<>();
        hits.path("hits").forEach(h -> docs.put(h.path("_id").asText(), h.path("_source")));
        assertThat(hits.path("total").path("value").asLong()).isEqualTo(docs.size());
        return docs;
    }
}
