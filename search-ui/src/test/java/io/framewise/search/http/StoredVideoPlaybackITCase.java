package io.framewise.search.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.connectors.elasticsearch.Documents;
import io.framewise.connectors.elasticsearch.ElasticsearchConnection;
import io.framewise.connectors.elasticsearch.SearchIndex;
import io.framewise.connectors.testing.LocalS3;
import io.framewise.connectors.testing.TestServers;
import io.framewise.pipeline.rows.VideoRow;
import io.framewise.search.Corpus;
import io.framewise.search.SearchService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a video plays from besides a local original: object storage, read through Flink's S3 file
 * system (a real S3-compatible server, s3proxy) for the ranges the player asks for, as the job
 * fetched it; and the preview rendition the job made of a video browsers cannot play.
 */
class StoredVideoPlaybackITCase {

    static final String STORED = "stored-lecture-9c8d7e6f";
    static final String GONE = "stored-gone-0a1b2c3d";
    static final String OLD_FORMAT = "old-format-4e5f6a7b";
    static Path preview;

    @TempDir static Path data;

    static LocalS3 s3;
    static byte[] file;
    static ElasticsearchConnection es;
    static SearchService search;
    static SearchServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        s3 = LocalS3.start(data.resolve("s3"), TestServers.pidDir());
        s3.initializeFlinkFileSystems();
        s3.createBucket("videos");
        Corpus corpus = Corpus.index(data);
        Path lecture = Corpus.writeLectureVideo(data.resolve("upload"));
        file = Files.readAllBytes(lecture);
        s3.put("s3://videos/talks/lecture.webm", lecture);
        es = ElasticsearchConnection.open(corpus.config);
        Corpus.bulk(
                es,
                SearchIndex.VIDEOS,
                List.of(
                        Documents.video(video(STORED, "s3://videos/talks/lecture.webm")),
                        Documents.video(video(GONE, "s3://videos/talks/deleted.webm")),
                        Documents.video(
                                new VideoRow(
                                        OLD_FORMAT,
                                        lecture.resolveSibling("old.mkv").toUri().toString(),
                                        320,
                                        180,
                                        30,
                                        840,
                                        28_000,
                                        "mpeg4",
                                        0,
                                        0,
                                        0,
                                        "ok",
                                        0L,
                                        null))));
        Files.copy(lecture, lecture.resolveSibling("old.mkv"));
        preview =
                Files.write(
                        Files.createDirectories(data.resolve("previews"))
                                .resolve(OLD_FORMAT + ".mp4"),
                        Arrays.copyOf(file, 5000));
        search = new SearchService(es, null, -1, data.resolve("previews"));
        server = SearchServer.start(search, data, "127.0.0.1", 0);
    }

    private static VideoRow video(String id, String uri) {
        return new VideoRow(id, uri, 320, 180, 30, 840, 28_000, "vp8", 0, 0, 400, "ok", 0L, null);
    }

    @AfterAll
    static void stop() {
        server.close();
        search.close();
        es.close();
        s3.close();
    }

    @Test
    void aVideoInObjectStoragePlaysWithRangeRequests() throws Exception {
        JsonNode media = json("/api/videos/" + STORED).get("media");
        assertThat(media.get("unplayable").isNull()).as(media.toString()).isTrue();
        assertThat(media.get("type").asText()).isEqualTo("video/webm");
        String url = media.get("url").asText();

        HttpResponse<byte[]> whole = bytes(url, null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.body()).isEqualTo(file);

        HttpResponse<byte[]> middle = bytes(url, "bytes=100-1123");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range"))
                .hasValue("bytes 100-1123/" + file.length);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(file, 100, 1124));

        HttpResponse<byte[]> tail = bytes(url, "bytes=-500");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(file, file.length - 500, file.length));
    }

    @Test
    void aVideoBrowsersCannotPlayPlaysItsPreview() throws Exception {
        JsonNode media = json("/api/videos/" + OLD_FORMAT).get("media");
        assertThat(media.get("type").asText()).isEqualTo("video/mp4");
        HttpResponse<byte[]> part = bytes(media.get("url").asText(), "bytes=10-19");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(Files.readAllBytes(preview), 10, 20));
        // Without its preview, the same video is unplayable, and says why.
        Files.delete(preview);
        try {
            JsonNode none = json("/api/videos/" + OLD_FORMAT).get("media");
            assertThat(none.get("url").isNull()).isTrue();
            assertThat(none.get("unplayable").asText()).contains("mpeg4");
        } finally {
            Files.write(preview, Arrays.copyOf(file, 5000));
        }
    }

    @Test
    void anObjectThatWentIsANotFoundWithItsReason() throws Exception {
        HttpResponse<byte[]> gone = bytes("/api/videos/" + GONE + "/media", "bytes=0-99");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(gone.body()).get("error").asText()).contains("no longer");
    }

    @Test
    void aSchemeNoFileSystemServesIsNotPlayable() throws Exception {
        Corpus.bulk(
                es,
                SearchIndex.VIDEOS,
                List.of(Documents.video(video("ftp-video-1", "ftp://host/v.webm"))));
        JsonNode media = json("/api/videos/ftp-video-1").get("media");
        assertThat(media.get("url").isNull()).isTrue();
        assertThat(media.get("unplayable").asText()).contains("local files and objects in storage");
        assertThat(bytes("/api/videos/ftp-video-1/media", null).statusCode()).isEqualTo(404);
    }

    private static JsonNode json(String path) throws Exception {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<byte[]> bytes(String path, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (range != null) {
            b.header("Range", range);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
