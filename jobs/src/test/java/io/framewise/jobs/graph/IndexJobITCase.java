package io.framewise.jobs.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.elasticsearch.SearchIndex;
import io.framewise.connectors.parquet.ParquetTableReader;
import io.framewise.connectors.parquet.Tables;
import io.framewise.jobs.JobEnvironment;
import io.framewise.jobs.TinyVideos;
import io.framewise.jobs.config.FramewiseConfig;
import io.framewise.pipeline.graph.IndexVideosJob;
import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.video.VideoFetcher;
import io.framewise.pipeline.video.VideoRef;
import io.framewise.testkit.elasticsearch.LocalElasticsearch;
import io.framewise.testkit.samples.LabelledVideo;
import io.framewise.testkit.samples.SampleVideoWriter;
import io.framewise.testkit.samples.SampleVideos;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job that ships ({@link IndexJob} with the production engines and both sinks) run on a
 * MiniCluster over good videos, a broken file, and a video one of whose messages is held back past
 * {@code job.video-timeout}: afterwards the Parquet tables hold every video exactly once, the late
 * one failed as {@code incomplete}, and the frames index holds exactly the frames rows, by their
 * stable ids. (A failure after a checkpoint, restored from it, is {@code ClusterITCase}'s: the same
 * graph from the job jar on a standalone cluster whose TaskManager is killed.)
 */
class IndexJobITCase {

    @TempDir Path dir;

    /** Fetches of each video in this JVM, over every operator instance and attempt. */
    static final Map<String, AtomicInteger> FETCHES = new ConcurrentHashMap<>();

    /** The video one of whose segments comes too late: the lecture sample. */
    static final String LATE = "lecture-";

    /** The video timeout, which the late segment overstays. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    /**
     * Local files, except that the first decode of a segment of {@link #LATE} waits past the video
     * timeout: its message is as good as lost.
     */
    static final class Disrupting implements VideoFetcher {
        private final VideoFetcher files = VideoFetcher.localFiles().create();

        @Override
        public Path fetch(VideoRef video) throws VideoException {
            int n =
                    FETCHES.computeIfAbsent(video.videoId(), k -> new AtomicInteger())
                            .incrementAndGet();
            // Fetch 1 plans the video; fetch 2 decodes its first segment to arrive.
            if (video.videoId().startsWith(LATE) && n == 2) {
                try {
                    // Four timeouts: the video surely times out before the part comes.
                    Thread.sleep(4 * TIMEOUT.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return files.fetch(video);
        }

        @Override
        public void close() {
            files.close();
        }
    }

    @Test
    void everyVideoOnceAndALostMessageFailsItsVideo() throws Exception {
        Path videos = dir.resolve("videos");
        List<VideoRef> refs = new ArrayList<>();
        List<LabelledVideo> good = TinyVideos.write(videos, "clip", 4);
        for (LabelledVideo v : good) {
            refs.add(VideoRef.of(videos.resolve(v.file())));
        }
        // Long enough for several segments (17 s).
        LabelledVideo late = SampleVideoWriter.write(SampleVideos.lecture(), videos);
        refs.add(VideoRef.of(videos.resolve(late.file())));
        Path broken = videos.resolve("broken.mp4");
        Files.write(broken, "no video here".repeat(50).getBytes());
        refs.add(VideoRef.of(broken));

        Properties settings = new Properties();
        // Segments of 5 s: the lecture is cut into several, so that one can go missing. The clips
        // (2 s at most) are one segment each. The late segment holds up its decoding subtask, and
        // a clip's second segment queued behind it used to fail that clip as incomplete too, now
        // and then; a clip of one segment has no part to wait for.
        settings.setProperty("shots.segment-seconds", "5");
        settings.setProperty("job.video-timeout", TIMEOUT.toString());
        settings.setProperty("es.url", LocalElasticsearch.shared().url());
        settings.setProperty("es.index-prefix", "indexjob-");
        settings.setProperty("es.replicas", "0");
        FramewiseConfig config = FramewiseConfig.parse(settings);
        Path out = dir.resolve("out");

        StreamExecutionEnvironment env = JobEnvironment.create(2, Map.of(), config);
        IndexVideosJob engines = Engines.of(config, out.toString()).withFetchers(Disrupting::new);
        new IndexJob(
                        new LocalVideos(refs),
                        engines,
                        List.of(
                                new ParquetTables(out.toString()),
                                new SearchIndices(config.es(), out.toString())))
                .build(env);
        env.execute("index job under test");

        String lateId = refs.get(4).videoId();
        String brokenId = refs.get(5).videoId();
        List<GenericRecord> videoRows = ParquetTableReader.read(out, Tables.VIDEOS);
        // One row per video.
        assertThat(videoRows.stream().map(r -> r.get("video_id").toString()))
                .containsExactlyInAnyOrderElementsOf(refs.stream().map(VideoRef::videoId).toList());
        for (GenericRecord r : videoRows) {
            String id = r.get("video_id").toString();
            boolean fails = id.equals(lateId) || id.equals(brokenId);
            assertThat(r.get("status").toString()).as(id).isEqualTo(fails ? "failed" : "ok");
        }
        List<GenericRecord> failures = ParquetTableReader.read(out, Tables.FAILURES);
        assertThat(failures)
                .filteredOn(f -> f.get("video_id").toString().equals(lateId))
                .extracting(f -> f.get("code").toString())
                .containsExactly("incomplete");
        assertThat(failures)
                .filteredOn(f -> f.get("video_id").toString().equals(brokenId))
                .extracting(f -> f.get("stage").toString())
                .containsExactly("plan");

        // Shots of the good videos once each, as labelled.
        int labelledShots = good.stream().mapToInt(v -> v.cuts().size() + 1).sum();
        List<GenericRecord> shots = ParquetTableReader.read(out, Tables.SHOTS);
        assertThat(shots).hasSize(labelledShots);

        // The frames index holds the frames rows by their stable ids (a replay overwrites).
        Set<String> frameIds = new TreeSet<>();
        for (GenericRecord f : ParquetTableReader.read(out, Tables.FRAMES)) {
            frameIds.add(f.get("video_id") + "/" + f.get("shot_index") + "/" + f.get("frame"));
        }
        assertThat(frameIds).isNotEmpty();
        assertThat(documentIds(config.es(), SearchIndex.FRAMES)).isEqualTo(frameIds);
    }

    private static Set<String> documentIds(ElasticsearchConfig es, SearchIndex index)
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
                        HttpRequest.newBuilder(
                                        URI.create(alias + "/_search?size=10000&_source=false"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode hits = new ObjectMapper().readTree(r.body()).path("hits");
        Set<String> ids = new TreeSet<>();
        hits.path("hits").forEach(h -> ids.add(h.path("_id").asText()));
        assertThat(hits.path("total").path("value").asLong()).isEqualTo(ids.size());
        return ids;
    }
}
