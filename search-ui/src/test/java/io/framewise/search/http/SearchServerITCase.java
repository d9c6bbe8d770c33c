package io.framewise.search.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.connectors.elasticsearch.ElasticsearchConnection;
import io.framewise.search.Corpus;
import io.framewise.search.HashingTestEmbedder;
import io.framewise.search.SearchService;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API and the page's assets, over a real Elasticsearch. */
class SearchServerITCase {

    @TempDir static Path data;

    static ElasticsearchConnection es;
    static SearchService search;
    static SearchServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        es = ElasticsearchConnection.open(Corpus.index(data).config);
        search = new SearchService(es, HashingTestEmbedder.factory());
        server = SearchServer.start(search, data, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        search.close();
        es.close();
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void searchAnswersTheDocumentedFields() throws Exception {
        HttpResponse<String> r = get("/api/search?q=" + enc("Report precision and recall"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValue("application/json; charset=utf-8");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.has("total") && body.has("took_ms")).isTrue();
        JsonNode top = body.get("results").get(0);
        for (String field :
                new String[] {
                    "video_id",
                    "uri",
                    "shot",
                    "frame",
                    "ms",
                    "timecode",
                    "snippet",
                    "thumbnail",
                    "score",
                    "cluster_id"
                }) {
            assertThat(top.has(field)).as(field).isTrue();
        }
        assertThat(top.get("video_id").asText()).isEqualTo(Corpus.LECTURE);
        assertThat(top.get("shot").asInt()).isEqualTo(3);
        assertThat(top.get("snippet").asText()).contains("Report precision and recall");

        // Spaces as '+' (forms, URLSearchParams) and a filter to another video.
        JsonNode none =
                JSON.readTree(
                        get("/api/search?q=Report+precision&video=" + Corpus.COOKING + "&mode=text")
                                .body());
        assertThat(none.get("results")).isEmpty();
        assertThat(none.get("total").asInt()).isZero();
    }

    @Test
    void clustersTheClusterFilterAndTheVideosScenes() throws Exception {
        JsonNode clusters = JSON.readTree(get("/api/clusters").body()).get("clusters");
        assertThat(clusters).hasSize(3);
        assertThat(clusters.get(0).get("cluster_id").asText()).isEqualTo(Corpus.TITLES);
        assertThat(clusters.get(0).get("frames").asInt()).isEqualTo(8);
        assertThat(clusters.get(0).get("videos").asInt()).isEqualTo(1);

        JsonNode inCluster =
                JSON.readTree(
                        get("/api/search?q=Thank+you+Questions&cluster=" + enc(Corpus.BODY))
                                .body());
        assertThat(inCluster.get("results")).isNotEmpty();
        for (JsonNode hit : inCluster.get("results")) {
            assertThat(hit.get("cluster_id").asText()).isEqualTo(Corpus.BODY);
        }
        JsonNode elsewhere =
                JSON.readTree(
                        get("/api/search?q=Thank+you+Questions&mode=text&cluster="
                                        + enc(Corpus.KITCHEN))
                                .body());
        assertThat(elsewhere.get("results")).isEmpty();

        JsonNode page = JSON.readTree(get("/api/videos/" + Corpus.LECTURE).body());
        JsonNode scene = page.get("scenes").get(2);
        assertThat(scene.get("scene").asInt()).isEqualTo(2);
        assertThat(scene.get("start_ms").asLong()).isEqualTo(20_000);
        assertThat(scene.get("end_ms").asLong()).isEqualTo(28_000);
        assertThat(scene.get("first_shot").asInt()).isEqualTo(5);
        assertThat(scene.get("last_shot").asInt()).isEqualTo(6);
        assertThat(scene.get("shots").toString()).isEqualTo("[5,6]");
        assertThat(get(scene.get("thumbnail").asText()).statusCode()).isEqualTo(200);
        JsonNode summary = page.get("video").get("summary");
        assertThat(summary.get("scenes").asInt()).isEqualTo(3);
        assertThat(summary.get("top_keywords").get(0).asText()).isEqualTo("shot");
        assertThat(summary.get("text_coverage").asDouble()).isEqualTo(1.0);
        assertThat(page.get("shots").get(6).get("cluster_id").asText()).isEqualTo(Corpus.BODY);
        JsonNode cooking = JSON.readTree(get("/api/videos/" + Corpus.COOKING).body());
        assertThat(cooking.get("scenes")).isEmpty();
        assertThat(cooking.get("video").get("summary").isNull()).isTrue();
    }

    @Test
    void badParametersAre400WithAMessage() throws Exception {
        String[][] cases = {
            {"/api/search", "q is needed"},
            {"/api/search?q=x&size=1000", "size must be between 1 and 100"},
            {"/api/search?q=x&mode=fuzzy", "mode must be hybrid, text or vector"},
            {"/api/search?q=x&from=-1", "from must be between"},
            {"/api/search?q=x&date_to=yesterday", "date_to must be a date"},
            {"/api/search?q=x&cluster=" + "c".repeat(201), "cluster must be at most 200"},
            {
                "/api/frames/" + Corpus.COOKING + "/0/10/similar?size=x",
                "size must be a whole number"
            },
        };
        for (String[] c : cases) {
            HttpResponse<String> r = get(c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("error").asText()).as(c[0]).contains(c[1]);
        }
    }

    @Test
    void videosVideoPageAndSimilar() throws Exception {
        JsonNode videos = JSON.readTree(get("/api/videos").body()).get("videos");
        assertThat(videos).hasSize(2);
        JsonNode page = JSON.readTree(get("/api/videos/" + Corpus.LECTURE).body());
        assertThat(page.get("shots")).hasSize(7);
        assertThat(page.get("shots").get(1).get("text").asText()).startsWith("Why shots matter");
        assertThat(get("/api/videos/nope").statusCode()).isEqualTo(404);

        HttpResponse<String> similar =
                get("/api/frames/" + Corpus.COOKING + "/0/10/similar?size=2");
        assertThat(similar.statusCode()).isEqualTo(200);
        JsonNode s = JSON.readTree(similar.body());
        assertThat(s.get("by").asText()).isEqualTo("image_vector");
        assertThat(s.get("results")).hasSize(2);
        assertThat(get("/api/frames/nope/1/2/similar").statusCode()).isEqualTo(404);
        assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void textFromVideosIsReturnedAsPlainText() throws Exception {
        JsonNode top =
                JSON.readTree(get("/api/search?q=fry+twice&mode=text").body())
                        .get("results")
                        .get(0);
        // The page puts this into text nodes; the API does not pre-escape (that would double it).
        assertThat(top.get("snippet").asText())
                .isEqualTo("<script>alert('x')</script> fry twice & serve");
    }

    @Test
    void thumbnailsComeOnlyFromTheKeyframesDirectory() throws Exception {
        String thumb =
                JSON.readTree(get("/api/search?q=crispy").body())
                        .get("results")
                        .get(0)
                        .get("thumbnail")
                        .asText();
        HttpResponse<byte[]> jpeg =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(server.url() + thumb)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(jpeg.statusCode()).isEqualTo(200);
        assertThat(jpeg.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(jpeg.body()[0] & 0xff).isEqualTo(0xFF);
        assertThat(jpeg.body()[1] & 0xff).isEqualTo(0xD8);
        assertThat(get("/thumbnails/keyframes/../../../../etc/passwd").statusCode()).isEqualTo(404);
        assertThat(get("/thumbnails/keyframes/%2e%2e/%2e%2e/etc/passwd").statusCode())
                .isEqualTo(404);
        assertThat(get("/thumbnails/keyframes/missing.jpg").statusCode()).isEqualTo(404);
    }

    @Test
    void thePageIsSelfContained() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        csp -> assertThat(csp).contains("default-src 'none'", "script-src 'self'"));
        for (String asset : new String[] {"/", "/app.js", "/app.css"}) {
            String body = get(asset).body();
            assertThat(body).as(asset).doesNotContain("http://", "https://", "//cdn");
        }
        // Text from videos never goes in as HTML.
        assertThat(get("/app.js").body())
                .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write");
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void spokenLinesHaveTheirOwnScriptAndApi() throws Exception {
        HttpResponse<String> script = get("/spoken.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body())
                .doesNotContain("http://", "https://", "//cdn")
                .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write");
        assertThat(get("/").body()).contains("<script src=\"spoken.js\" defer></script>");
        // The corpus has no speech: nothing said, but the index is there.
        HttpResponse<String> none = get("/api/spoken?q=quarterly+results");
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.body()).isEqualTo("{\"lines\":[]}");
        assertThat(get("/api/spoken?video=nothing").body()).isEqualTo("{\"lines\":[]}");
        HttpResponse<String> bad = get("/api/spoken");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("q must not be empty");
        assertThat(get("/api/spoken?q=x&size=500").statusCode()).isEqualTo(400);
    }

    @Test
    void elasticsearchDownIs503WithoutAStackTrace() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (ElasticsearchConnection down =
                        ElasticsearchConnection.open(
                                Corpus.freshConfig("http://127.0.0.1:" + closed));
                SearchService s = new SearchService(down, null);
                SearchServer other = SearchServer.start(s, data, "127.0.0.1", 0)) {
            HttpResponse<String> r =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(other.url() + "/api/search?q=x"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(r.body()).get("error").asText()).contains("not reachable");
            assertThat(r.body()).doesNotContain("\tat ", "\n");
        }
    }
}
