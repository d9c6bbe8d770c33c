package io.framewise.search.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.connectors.elasticsearch.ElasticsearchConnection;
import io.framewise.search.Corpus;
import io.framewise.search.HashingTestEmbedder;
import io.framewise.search.SearchService;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API and the page's assets, over a real Elasticsearch. */
class SearchServerITCase {

    @TempDir static Path data;

    static Corpus corpus;
    static ElasticsearchConnection es;
    static SearchService search;
    static SearchServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        corpus = Corpus.index(data);
        es = ElasticsearchConnection.open(corpus.config);
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
        // Named by words of its own frames' text, with one of its keyframes.
        for (JsonNode c : clusters) {
            String id = c.get("cluster_id").asText();
            JsonNode terms = c.get("top_terms");
            assertThat(terms.size()).as(id).isBetween(1, 3);
            for (JsonNode term : terms) {
                assertThat(corpus.clusterText(id)).as(id).contains(term.asText());
            }
            String thumb = c.get("thumbnail").asText();
            assertThat(thumb).as(id).startsWith("/thumbnails/keyframes/");
            assertThat(get(thumb).statusCode()).as(thumb).isEqualTo(200);
        }

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
        // Jetty refuses ambiguous or escaping paths (400) before we see them; either way no file.
        for (String escape :
                new String[] {
                    "/thumbnails/keyframes/../../../../etc/passwd",
                    "/thumbnails/keyframes/%2e%2e/%2e%2e/etc/passwd",
                    "/thumbnails/keyframes/..%2f..%2f..%2fetc%2fpasswd"
                }) {
            Raw r = raw("GET " + escape + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            assertThat(r.status).as(escape).isIn(400, 404);
            assertThat(r.body).as(escape).doesNotContain("root:");
            assertThat(JSON.readTree(r.body).has("error")).as(escape).isTrue();
        }
        assertThat(get("/thumbnails/keyframes/missing.jpg").statusCode()).isEqualTo(404);
    }

    @Test
    void thePageIsSelfContained() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        csp ->
                                assertThat(csp)
                                        .contains(
                                                "default-src 'none'",
                                                "script-src 'self'",
                                                "media-src 'self'",
                                                "frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
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
        // Only the lecture speaks, and never of quarterly results.
        HttpResponse<String> none = get("/api/spoken?q=quarterly+results");
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.body()).isEqualTo("{\"lines\":[]}");
        assertThat(get("/api/spoken?video=nothing").body()).isEqualTo("{\"lines\":[]}");
        JsonNode said = JSON.readTree(get("/api/spoken?q=true+cuts").body()).path("lines");
        assertThat(said).hasSize(1);
        assertThat(said.get(0).path("video_id").asText()).isEqualTo(Corpus.LECTURE);
        assertThat(said.get(0).path("start_ms").asLong()).isEqualTo(13_500);
        assertThat(said.get(0).path("shot_index").asInt()).isEqualTo(3);
        assertThat(said.get(0).path("highlight").asText())
                .contains("detector finds the <em>true cuts</em>");
        assertThat(JSON.readTree(get("/api/spoken?video=" + Corpus.LECTURE).body()).path("lines"))
                .extracting(l -> l.path("start_ms").asLong())
                .containsExactly(1_000L, 13_500L, 21_000L);
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
            // No stack trace, and not where Elasticsearch is.
            assertThat(r.body()).doesNotContain("\tat ", "\n", "127.0.0.1", ":" + closed);
        }
    }

    /** An answer read off a raw socket: for requests no HTTP client would send. */
    record Raw(int status, String head, String body) {}

    /** Sends {@code head} (request line and headers, without the blank line) on a raw socket. */
    private static Raw raw(String head) throws Exception {
        return raw(server.port(), head);
    }

    private static Raw raw(int port, String head) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream()
                    .write(
                            (head + "Connection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            byte[] all = s.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String top = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            int status = Integer.parseInt(top.split(" ", 3)[1]);
            return new Raw(status, top, body);
        }
    }

    @Test
    void malformedRequestsForeignHostsAndLongPathsGetTheirJsonStatus() throws Exception {
        String host = "Host: 127.0.0.1:" + server.port() + "\r\n";
        Object[][] cases = {
            {"GET /api/search?q=%zz HTTP/1.1\r\n" + host, 400, "badly encoded"},
            {"GET /api/search?q=a%2 HTTP/1.1\r\n" + host, 400, "badly encoded"},
            {"GET /api/videos/%zz HTTP/1.1\r\n" + host, 400, "malformed"},
            {"GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n" + host, 414, "too long"},
            {
                "GET /api/videos HTTP/1.1\r\n" + host + "X-Big: " + "b".repeat(20_000) + "\r\n",
                431,
                "too large"
            },
            {"GET /api/videos HTTP/1.1\r\nHost: attacker.example\r\n", 421, "Host"},
            {
                "GET /api/videos HTTP/1.1\r\nHost: attacker.example:" + server.port() + "\r\n",
                421,
                "Host"
            },
            {"GET /api/videos HTTP/1.0\r\n", 421, "Host"},
            {"POST /api/search?q=x HTTP/1.1\r\n" + host + "Content-Length: 0\r\n", 405, "GET"},
        };
        for (Object[] c : cases) {
            String request = (String) c[0];
            String name = request.length() > 80 ? request.substring(0, 80) + "…" : request;
            Raw r = raw(request);
            assertThat(r.status).as(name).isEqualTo(c[1]);
            assertThat(r.head).as(name).containsIgnoringCase("Content-Type: application/json");
            assertThat(JSON.readTree(r.body).get("error").asText())
                    .as(name)
                    .contains((String) c[2]);
            assertThat(r.body)
                    .as(name)
                    .doesNotContain("Exception", "<html", "\tat ", "attacker", "aaaaaaaaaa");
        }
        // The loopback names answer, with or without the port.
        assertThat(
                        raw("GET /api/videos HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\n")
                                .status)
                .isEqualTo(200);
        assertThat(raw("GET /api/videos HTTP/1.1\r\nHost: 127.0.0.1\r\n").status).isEqualTo(200);
    }

    @Test
    void aHostNamedInTheSettingsIsAnswered() throws Exception {
        Properties p = new Properties();
        p.setProperty("server.allowed-hosts", "search.example.org, Other.Example");
        try (SearchServer other =
                SearchServer.start(search, data, ServerSettings.from(p, "127.0.0.1", 0))) {
            for (String name : new String[] {"search.example.org", "other.example:80"}) {
                assertThat(
                                raw(
                                                other.port(),
                                                "GET /api/videos HTTP/1.1\r\nHost: "
                                                        + name
                                                        + "\r\n")
                                        .status)
                        .as(name)
                        .isEqualTo(200);
            }
            assertThat(
                            raw(other.port(), "GET /api/videos HTTP/1.1\r\nHost: example.org\r\n")
                                    .status)
                    .isEqualTo(421);
        }
    }

    @Test
    void aQueryIsAnsweredWhile64ConnectionsStallAndTheStalledAreClosed() throws Exception {
        Properties p = new Properties();
        p.setProperty("server.idle-timeout-ms", "1500");
        try (SearchServer other =
                SearchServer.start(search, data, ServerSettings.from(p, "127.0.0.1", 0))) {
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 64; i++) {
                    Socket s = new Socket("127.0.0.1", other.port());
                    // A request head that never ends.
                    s.getOutputStream()
                            .write(
                                    "GET /api/search?q=x HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                                            .getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    stalled.add(s);
                }
                long start = System.nanoTime();
                HttpResponse<String> r =
                        HTTP.send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        other.url()
                                                                + "/api/search?q="
                                                                + enc("Content detector")))
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(r.body()).get("results")).isNotEmpty();
                System.out.printf("a search with 64 stalled connections: %d ms%n", ms);

                // Each stalled connection is closed by the idle timeout, mid-head.
                for (Socket s : stalled) {
                    s.setSoTimeout(10_000);
                    try {
                        s.getInputStream().readAllBytes();
                    } catch (SocketException reset) {
                        // closed with a reset: closed all the same
                    }
                }
            } finally {
                for (Socket s : stalled) {
                    s.close();
                }
            }
        }
    }

    @Test
    void theAccessLogHasNoQueryStrings() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        org.apache.logging.log4j.core.Logger access =
                (org.apache.logging.log4j.core.Logger)
                        LogManager.getLogger(SearchServer.ACCESS_LOG);
        AbstractAppender capture =
                new AbstractAppender("capture-access", null, null, true, Property.EMPTY_ARRAY) {
                    @Override
                    public void append(LogEvent event) {
                        lines.add(
                                event.getLevel() + " " + event.getMessage().getFormattedMessage());
                    }
                };
        capture.start();
        Level before = access.getLevel();
        // Adding an appender gives the logger its own configuration: the level goes after.
        access.addAppender(capture);
        access.setLevel(Level.INFO);
        try {
            assertThat(get("/api/search?q=" + enc("secret phrase 4711")).statusCode())
                    .isEqualTo(200);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (lines.stream().noneMatch(l -> l.contains("/api/search"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            access.removeAppender(capture);
            access.setLevel(before);
            capture.stop();
        }
        String line =
                lines.stream().filter(l -> l.contains("/api/search")).findFirst().orElseThrow();
        assertThat(line).startsWith("INFO ").contains("\"GET /api/search HTTP/1.1\" 200");
        assertThat(line).doesNotContain("secret", "4711", "?q");
    }

    @Test
    void theVideoIsServedWithRangeRequestsOnlyForIndexedPlayableFiles() throws Exception {
        JsonNode page = JSON.readTree(get("/api/videos/" + Corpus.LECTURE).body());
        JsonNode media = page.get("media");
        assertThat(media.get("type").asText()).isEqualTo("video/webm");
        assertThat(media.get("unplayable").isNull()).isTrue();
        String url = media.get("url").asText();
        assertThat(url).isEqualTo("/api/videos/" + Corpus.LECTURE + "/media");
        byte[] file =
                Files.readAllBytes(Path.of(URI.create(page.get("video").get("uri").asText())));
        assertThat(file.length).isGreaterThan(4096);

        HttpResponse<byte[]> whole = bytes(url, null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("video/webm");
        assertThat(whole.body()).isEqualTo(file);

        HttpResponse<byte[]> middle = bytes(url, "bytes=100-1123");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range"))
                .hasValue("bytes 100-1123/" + file.length);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(file, 100, 1124));

        HttpResponse<byte[]> open = bytes(url, "bytes=" + (file.length - 10) + "-");
        assertThat(open.statusCode()).isEqualTo(206);
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(file, file.length - 10, file.length));

        HttpResponse<byte[]> suffix = bytes(url, "bytes=-500");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.body())
                .isEqualTo(Arrays.copyOfRange(file, file.length - 500, file.length));

        HttpResponse<byte[]> clamped = bytes(url, "bytes=" + (file.length - 3) + "-99999999");
        assertThat(clamped.statusCode()).isEqualTo(206);
        assertThat(clamped.headers().firstValue("Content-Range"))
                .hasValue(
                        "bytes " + (file.length - 3) + "-" + (file.length - 1) + "/" + file.length);

        HttpResponse<byte[]> past = bytes(url, "bytes=" + file.length + "-");
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */" + file.length);

        // Ranges in other units, malformed or several: the whole file.
        assertThat(bytes(url, "items=0-5").statusCode()).isEqualTo(200);
        assertThat(bytes(url, "bytes=0-5,10-20").body()).isEqualTo(file);

        Raw head = raw("HEAD " + url + " HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=0-99\r\n");
        assertThat(head.status).isEqualTo(206);
        assertThat(head.head).contains("Content-Length: 100");
        assertThat(head.body).isEmpty();

        // Only videos in the index, only files that are there and play; never a path.
        JsonNode cooking = JSON.readTree(get("/api/videos/" + Corpus.COOKING).body()).get("media");
        assertThat(cooking.get("url").isNull()).isTrue();
        assertThat(cooking.get("unplayable").asText()).contains("no longer");
        assertThat(get("/api/videos/" + Corpus.COOKING + "/media").statusCode()).isEqualTo(404);
        assertThat(get("/api/videos/nope/media").statusCode()).isEqualTo(404);
        for (String escape :
                new String[] {
                    "/api/videos/..%2f..%2f..%2fetc%2fpasswd/media",
                    "/api/videos/%2fetc%2fpasswd/media",
                    "/api/videos/file:%2f%2f%2fetc%2fpasswd/media"
                }) {
            Raw r = raw("GET " + escape + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            assertThat(r.status).as(escape).isIn(400, 404);
            assertThat(r.body).as(escape).doesNotContain("root:");
        }
    }

    private static HttpResponse<byte[]> bytes(String path, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (range != null) {
            b.header("Range", range);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
