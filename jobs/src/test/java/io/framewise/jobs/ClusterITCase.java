package io.framewise.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.framewise.connectors.elasticsearch.ElasticsearchConfig;
import io.framewise.connectors.elasticsearch.ElasticsearchConnection;
import io.framewise.connectors.elasticsearch.SearchIndex;
import io.framewise.connectors.kafka.KafkaUploads;
import io.framewise.connectors.testing.FreePorts;
import io.framewise.connectors.testing.LocalKafka;
import io.framewise.connectors.testing.LocalS3;
import io.framewise.connectors.testing.ServerProcess;
import io.framewise.connectors.testing.TestServers;
import io.framewise.pipeline.video.VideoRef;
import io.framewise.testkit.elasticsearch.LocalElasticsearch;
import io.framewise.testkit.samples.LabelledVideo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs on a real Flink standalone cluster (a JobManager and a TaskManager process started from
 * Maven jars, configured by flink-conf/config.yaml), submitted as the shaded job jar with {@code
 * flink run}, reading a real Kafka broker and a real S3-compatible server (s3proxy), writing the
 * tables and a real Elasticsearch:
 *
 * <ol>
 *   <li>streaming: a backfill of an archive prefix, then upload events for 20 videos through Kafka
 *       (with two malformed ones) in one job; the tables and the indices hold exactly the expected
 *       rows and documents, the dead letters their topic, and the framewise metrics are visible;
 *   <li>recovery: the TaskManager is killed during a backfill of 20 videos and a new one started;
 *       the job restores from its checkpoint and the tables and indices hold every row and document
 *       once;
 *   <li>the same with Elasticsearch stopped for 30 seconds during the backfill;
 *   <li>high availability: the JobManager is killed during a backfill and a new one started; it
 *       takes the job over from ZooKeeper and the HA storage and restores it from its latest
 *       checkpoint, without a {@code flink run -s}, and the tables hold every row once;
 *   <li>dead letters exactly once: the TaskManager is killed while the letters of malformed events
 *       are written but not yet committed; after the restore a {@code read_committed} reader finds
 *       each letter once.
 * </ol>
 *
 * <p>The servers start once for all (in that order: later cases kill processes), the cluster with
 * ZooKeeper high availability as {@code flink-conf/config.yaml}'s opt-in block describes it. Each
 * job writes indices of its own (an index prefix per job).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterITCase {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

    @TempDir static Path dir;
    static LocalS3 s3;
    static LocalKafka kafka;
    static LocalFlinkCluster flink;
    static LocalZooKeeper zooKeeper;
    static LocalElasticsearch es;
    static Path jar;
    static List<LabelledVideo> clips;
    static List<LabelledVideo> archive;

    @BeforeAll
    static void startServers() throws Exception {
        Path pids = TestServers.pidDir();
        ServerProcess.reapStale(pids);
        jar = TestServers.dir("framewise.job.jar", "jobs/target/*-flink.jar (mvn package)");
        clips = TinyVideos.write(dir.resolve("videos/clips"), "clip", 20);
        archive = TinyVideos.write(dir.resolve("videos/archive"), "arch", 4);

        s3 = LocalS3.start(dir.resolve("s3"), pids);
        s3.createBucket("videos");
        s3.initializeFlinkFileSystems();
        for (LabelledVideo v : clips) {
            Path file = dir.resolve("videos/clips").resolve(v.file());
            s3.put("s3://videos/uploads/" + v.file(), file);
            s3.put("s3://videos/backfill/" + v.file(), file);
        }
        for (LabelledVideo v : archive) {
            s3.put(
                    "s3://videos/archive/" + v.file(),
                    dir.resolve("videos/archive").resolve(v.file()));
        }

        // A node of its own, not the shared one: the outage case stops it.
        es = LocalElasticsearch.start(LocalElasticsearch.DEFAULT_HEAP);
        kafka = LocalKafka.start(dir.resolve("kafka"), pids);
        kafka.createTopics(2, "uploads", "uploads.dead-letters");

        Map<String, String> conf = new LinkedHashMap<>(s3.flinkSettings());
        // Checkpoints often, so that tables commit and a restore point exists within seconds.
        conf.put("execution.checkpointing.interval", "2s");
        conf.put("execution.checkpointing.min-pause", "500ms");
        // JobManager high availability, the opt-in block of flink-conf/config.yaml as it stands:
        // ZooKeeper elects the leader and points at the job graphs and checkpoints kept in the
        // storage dir. This test's quorum, directory and ports replace the examples.
        zooKeeper = LocalZooKeeper.start(dir.resolve("zookeeper"));
        conf.putAll(
                OptInBlocks.read(
                        TestServers.dir("framewise.flink.conf", "flink-conf/")
                                .resolve("config.yaml"),
                        "high availability: zookeeper"));
        conf.put("high-availability.zookeeper.quorum", zooKeeper.quorum());
        conf.put("high-availability.jobmanager.port", Integer.toString(FreePorts.next()));
        conf.put("high-availability.storageDir", dir.resolve("ha").toUri().toString());
        conf.put("high-availability.cluster-id", "/cluster-itcase");
        // A killed JobManager keeps its leadership until its ZooKeeper session expires.
        conf.put("high-availability.zookeeper.client.session-timeout", "10000");
        flink = LocalFlinkCluster.start(dir.resolve("flink"), conf, pids);
    }

    @AfterAll
    static void stopServers() throws Exception {
        try {
            keepLogs();
        } catch (Exception e) {
            // The logs are a help, not the result.
        }
        try {
            if (flink != null) {
                flink.close();
            }
        } finally {
            try {
                if (kafka != null) {
                    kafka.close();
                }
            } finally {
                try {
                    if (s3 != null) {
                        s3.close();
                    }
                } finally {
                    try {
                        if (es != null) {
                            es.close();
                        }
                    } finally {
                        if (zooKeeper != null) {
                            zooKeeper.close();
                        }
                    }
                }
                FileSystem.initialize(new Configuration(), null);
            }
        }
    }

    /** Copies the servers' logs to target/it-logs/ClusterITCase, to look at after a run. */
    private static void keepLogs() throws Exception {
        Path keep = Path.of("target", "it-logs", "ClusterITCase");
        java.nio.file.Files.createDirectories(keep);
        Path esLog = es == null ? null : es.directory().resolve("logs/console.log");
        if (esLog != null && java.nio.file.Files.isRegularFile(esLog)) {
            java.nio.file.Files.copy(
                    esLog,
                    keep.resolve("elasticsearch-console.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        for (String logs : new String[] {"flink/logs", "s3", "kafka"}) {
            Path from = dir.resolve(logs);
            if (!java.nio.file.Files.isDirectory(from)) {
                continue;
            }
            try (var files = java.nio.file.Files.list(from)) {
                for (Path f : files.filter(p -> p.toString().matches(".*\\.(log|out)$")).toList()) {
                    java.nio.file.Files.copy(
                            f,
                            keep.resolve(from.getFileName() + "-" + f.getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * The upload event of clip {@code i}, received {@code i} seconds after {@code start}: the event
     * time of its shots in the cluster windows, after the archive's (indexed before, at their
     * indexing time), as live uploads follow a backfill.
     */
    private static String upload(int i, LabelledVideo v, Instant start) {
        return String.format(
                "{\"video_id\":\"upload-%02d\",\"uri\":\"s3://videos/uploads/%s\",\"org\":\"acme\","
                        + "\"received_at\":\"%s\",\"metadata\":{\"n\":%d}}",
                i, v.file(), start.plusSeconds(i), i);
    }

    private static String idOf(String uri) {
        return VideoRef.of(URI.create(uri)).videoId();
    }

    @Test
    @Order(1)
    void uploadsStreamThroughKafkaIntoTheTables() throws Exception {
        Path out = dir.resolve("stream-out");
        String job =
                flink.submit(
                        jar,
                        List.of(
                                "stream",
                                "--bootstrap-servers",
                                kafka.bootstrapServers(),
                                "--topic",
                                "uploads",
                                "--starting-offsets",
                                "earliest",
                                "--backfill",
                                "s3://videos/archive",
                                "--out",
                                out.toString(),
                                "--parallelism",
                                "2",
                                "--es",
                                es.url(),
                                "--set",
                                "es.index-prefix=stream-",
                                "--set",
                                "es.replicas=0"));
        List<String> malformed =
                List.of(
                        "{\"video_id\": \"upload-99\", \"uri\": 42}",
                        "{\"video_id\":\"upload-98\",\"uri\":\"file:///etc/passwd\"}");
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < clips.size(); i++) {
            expected.add(String.format("upload-%02d", i));
        }
        archive.forEach(v -> expected.add(idOf("s3://videos/archive/" + v.file())));
        Map<String, Double> metrics = new HashMap<>();
        String prometheus;
        try {
            awaitState(job, "RUNNING");
            List<String> events = new ArrayList<>();
            Instant start = Instant.now();
            for (int i = 0; i < clips.size(); i++) {
                events.add(upload(i, clips.get(i), start));
            }
            events.add(7, malformed.get(0));
            events.add(malformed.get(1));
            kafka.send("uploads", events);

            ServerProcess.await(
                    JOB_TIMEOUT,
                    "24 videos and 2 failures committed to the tables",
                    () -> {
                        Tables t = Tables.read(out);
                        return t.okVideoIds().size() >= expected.size() && t.failures.size() >= 2;
                    },
                    () -> diagnostics(job));
            // Flink's REST API fetches metrics from the TaskManagers lazily (every 10 s at most).
            ServerProcess.await(
                    Duration.ofSeconds(90),
                    "the framewise metrics in the REST API",
                    () -> {
                        metrics.clear();
                        metrics.putAll(framewiseMetrics(job));
                        return metrics.containsKey("framesDecoded")
                                && metrics.containsKey("malformedEvents");
                    },
                    () -> "metrics so far: " + metrics);
            prometheus = prometheus(flink.taskManagerMetricsPort());
        } finally {
            cancelUnlessDone(job);
        }

        Tables t = Tables.read(out);
        assertParquet(t, expected);
        assertIndicesHoldTheTables(t, "stream-");
        List<LabelledVideo> all = new ArrayList<>(clips);
        all.addAll(archive);
        t.assertShotsMatch(all);
        assertThat(t.failures)
                .extracting(Tables.Failure::stage, Tables.Failure::code)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("source", "malformed_event"),
                        org.assertj.core.groups.Tuple.tuple("source", "uri_rejected"));
        // A malformed event never became a video: no uri, its Kafka origin as the input.
        assertThat(t.failures)
                .allSatisfy(
                        f -> {
                            assertThat(f.input()).startsWith("kafka://uploads/");
                            assertThat(f.uri()).isNull();
                        });

        List<ConsumerRecord<byte[], byte[]>> letters =
                kafka.read("uploads.dead-letters", 2, Duration.ofSeconds(30));
        assertThat(letters.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)))
                .containsExactlyInAnyOrderElementsOf(malformed);
        assertThat(letters)
                .allSatisfy(
                        r ->
                                assertThat(r.headers().lastHeader(KafkaUploads.HEADER_REASON))
                                        .isNotNull());

        long frames = all.stream().mapToLong(LabelledVideo::frames).sum();
        assertThat(metrics)
                .containsKeys(
                        "framesDecodedPerSecond",
                        "ocrMs_mean",
                        "fetchMs_mean",
                        "errors",
                        "malformedEvents",
                        "embeddingBatchSize_mean",
                        "embeddingMs_mean",
                        "esBulkMs_mean",
                        "esRejections");
        assertThat(metrics.get("esRejections")).isZero();
        assertThat(metrics.get("framesDecoded")).isGreaterThanOrEqualTo(frames);
        assertThat(metrics.get("shots")).isGreaterThanOrEqualTo(t.shots.size());
        assertThat(metrics.get("keyframes")).isGreaterThanOrEqualTo(t.frames.size());
        assertThat(metrics.get("malformedEvents")).isEqualTo(2.0);
        assertThat(prometheus).contains("framewise_framesDecoded").contains("framewise_ocrMs");
    }

    /**
     * Something that goes wrong while a backfill runs; the job must come through with every row and
     * document once.
     */
    @FunctionalInterface
    interface Disruption {
        void strike(String job) throws Exception;
    }

    @Test
    @Order(2)
    void aBackfillRestoresFromItsCheckpointWhenTheTaskManagerDies() throws Exception {
        String job =
                backfillThrough(
                        "tm-killed",
                        j -> {
                            flink.killTaskManager();
                            ServerProcess.await(
                                    Duration.ofSeconds(90),
                                    "the job to fail over from the lost TaskManager",
                                    () ->
                                            flink.get("/jobs/" + j + "/exceptions")
                                                            .path("exceptionHistory")
                                                            .path("entries")
                                                            .size()
                                                    > 0,
                                    () -> diagnostics(j));
                            flink.startTaskManager();
                        });
        JsonNode restored =
                flink.get("/jobs/" + job + "/checkpoints").path("latest").path("restored");
        assertThat(restored.isMissingNode() || restored.isNull())
                .as("restored from a checkpoint: " + restored)
                .isFalse();
    }

    @Test
    @Order(3)
    void aBackfillComesThroughAnElasticsearchOutage() throws Exception {
        backfillThrough(
                "es-outage",
                j -> {
                    es.stop();
                    Thread.sleep(30_000);
                    es.restart();
                });
        // The outage speaks once in the TaskManager's log: one WARN as it starts, one INFO when
        // Elasticsearch answers again, however many sinks, subtasks and attempts saw it.
        String dependency = "Elasticsearch at " + es.url();
        List<String> lines = new java.util.ArrayList<>();
        try (var logs = java.nio.file.Files.list(dir.resolve("flink/logs"))) {
            for (Path log :
                    logs.filter(p -> p.getFileName().toString().matches("taskmanager-\\d+\\.log"))
                            .toList()) {
                lines.addAll(java.nio.file.Files.readAllLines(log));
            }
        }
        assertThat(lines)
                .filteredOn(l -> l.contains("WARN") && l.contains(dependency + " unavailable"))
                .hasSize(1);
        assertThat(lines)
                .filteredOn(l -> l.contains("INFO") && l.contains(dependency + " available again"))
                .hasSize(1);
    }

    @Test
    @Order(4)
    void aBackfillGoesOnUnderANewJobManagerWithHighAvailability() throws Exception {
        String job =
                backfillThrough(
                        "jm-killed",
                        j -> {
                            flink.killJobManager();
                            // As an operator (or a standby) would: a new JobManager, same config.
                            flink.startJobManager();
                        });
        // The new JobManager found the job (same id, nothing submitted again) and restored it
        // from the checkpoint the old one had completed, not from the start.
        JsonNode restored =
                flink.get("/jobs/" + job + "/checkpoints").path("latest").path("restored");
        assertThat(restored.isMissingNode() || restored.isNull())
                .as("restored from a checkpoint: " + restored)
                .isFalse();
    }

    @Test
    @Order(5)
    void deadLettersInFlightWhenATaskManagerDiesAreWrittenOnce() throws Exception {
        String topic = "failover-uploads";
        String deadLetters = topic + ".dead-letters";
        kafka.createTopics(2, topic, deadLetters);
        Path out = dir.resolve("dead-letters-out");
        List<String> malformed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            malformed.add("{\"video_id\":\"broken-" + i + "\",\"uri\":" + i + "}");
            malformed.add("not an event " + i);
        }
        List<String> stream =
                List.of(
                        "stream",
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--topic",
                        topic,
                        "--group-id",
                        "failover",
                        "--starting-offsets",
                        "earliest",
                        "--out",
                        out.toString());
        // Checkpoints only when the test triggers them (the interval an hour), so that the kill
        // falls between the letters written and their commit, never after it by chance.
        String manualCheckpoints = "-Dexecution.checkpointing.interval=1h";
        List<String> args = new ArrayList<>(stream);
        args.addAll(List.of("--parallelism", "2"));
        String job = flink.submit(jar, List.of(manualCheckpoints), args);
        String upgraded = null;
        String late = "not an event after the upgrade";
        try {
            awaitState(job, "RUNNING");
            // The restore point: the topic's start, before any event.
            flink.checkpoint(job);
            kafka.send(topic, malformed);
            ServerProcess.await(
                    Duration.ofSeconds(60),
                    "the dead letters written in an open transaction",
                    () ->
                            kafka.readUncommitted(
                                                    deadLetters,
                                                    malformed.size(),
                                                    Duration.ofSeconds(2))
                                            .size()
                                    >= malformed.size(),
                    () -> diagnostics(job));
            assertThat(kafka.read(deadLetters, 1, Duration.ofSeconds(3)))
                    .as("no dead letter committed before the kill")
                    .isEmpty();

            flink.killTaskManager();
            ServerProcess.await(
                    Duration.ofSeconds(90),
                    "the job to fail over from the lost TaskManager",
                    () ->
                            flink.get("/jobs/" + job + "/exceptions")
                                            .path("exceptionHistory")
                                            .path("entries")
                                            .size()
                                    > 0,
                    () -> diagnostics(job));
            flink.startTaskManager();
            // Restored from the first checkpoint, the job reads the events again (the killed
            // TaskManager's transaction is aborted) and writes the letters anew; the checkpoint
            // after them commits them.
            ServerProcess.await(
                    Duration.ofSeconds(90),
                    "the dead letters written again after the restore",
                    () ->
                            kafka.readUncommitted(
                                                    deadLetters,
                                                    2 * malformed.size(),
                                                    Duration.ofSeconds(2))
                                            .size()
                                    >= 2 * malformed.size(),
                    () -> diagnostics(job));
            flink.checkpoint(job);
            assertThat(letters(deadLetters, malformed.size()))
                    .containsExactlyInAnyOrderElementsOf(malformed);
            // Written twice, once in the aborted transaction and once after the restore: only
            // the committed copies count for a read_committed reader.
            assertThat(
                            kafka.readUncommitted(
                                    deadLetters, 2 * malformed.size() + 1, Duration.ofSeconds(3)))
                    .hasSize(2 * malformed.size());

            // An upgrade that rescales (docs/runbook.md): stop with a savepoint, start from it
            // with another parallelism. The committed letters are not written again, a new one
            // once.
            String savepoint = flink.stopWithSavepoint(job, dir.resolve("savepoints-failover"));
            args = new ArrayList<>(stream);
            args.addAll(List.of("--parallelism", "1"));
            upgraded = flink.submit(jar, List.of(manualCheckpoints, "-s", savepoint), args);
            awaitState(upgraded, "RUNNING");
            kafka.send(topic, List.of(late));
            ServerProcess.await(
                    Duration.ofSeconds(60),
                    "the upgraded job's dead letter written",
                    () ->
                            kafka.readUncommitted(
                                                    deadLetters,
                                                    2 * malformed.size() + 1,
                                                    Duration.ofSeconds(2))
                                            .size()
                                    > 2 * malformed.size(),
                    () -> diagnostics(job));
            flink.checkpoint(upgraded);
            List<String> all = new ArrayList<>(malformed);
            all.add(late);
            assertThat(letters(deadLetters, all.size())).containsExactlyInAnyOrderElementsOf(all);
            ServerProcess.await(
                    Duration.ofSeconds(60),
                    "the failure rows committed",
                    () -> Tables.read(out).failures.size() >= all.size(),
                    () -> "");
        } finally {
            cancelUnlessDone(job);
            if (upgraded != null) {
                cancelUnlessDone(upgraded);
            }
        }
        Tables t = Tables.read(out);
        assertThat(t.videos).isEmpty();
        assertThat(t.failures)
                .hasSize(malformed.size() + 1)
                .allSatisfy(f -> assertThat(f.stage()).isEqualTo("source"));
        assertThat(t.failures.stream().map(Tables.Failure::input).distinct())
                .as("one failure row per event")
                .hasSize(malformed.size() + 1);
    }

    /**
     * The values of the dead-letter topic's committed records ({@code read_committed}) once {@code
     * expected} are there (the commit follows the checkpoint's completion), read again asking for
     * one more, so that a repeat shows.
     */
    private static List<String> letters(String topic, int expected) {
        kafka.read(topic, expected, Duration.ofSeconds(30));
        return kafka.read(topic, expected + 1, Duration.ofSeconds(3)).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .toList();
    }

    /**
     * Backfills the 20 videos under {@code s3://videos/backfill} (paced to 1 video/s, so that it is
     * still running), strikes once the first videos are committed, waits for the job to finish and
     * checks the tables hold every video, shot and frame once. Returns the job id.
     */
    private static String backfillThrough(String name, Disruption disruption) throws Exception {
        Path out = dir.resolve("backfill-" + name);
        String job =
                flink.submit(
                        jar,
                        List.of(
                                "backfill",
                                "s3://videos/backfill",
                                "--out",
                                out.toString(),
                                "--parallelism",
                                "2",
                                "--max-rate",
                                "1",
                                "--es",
                                es.url(),
                                "--set",
                                "es.index-prefix=" + name + "-",
                                "--set",
                                "es.replicas=0"));
        try {
            ServerProcess.await(
                    JOB_TIMEOUT,
                    "a checkpoint and the first videos committed",
                    () -> Tables.read(out).okVideoIds().size() >= 2,
                    () -> diagnostics(job));
            int before = Tables.read(out).okVideoIds().size();
            assertThat(before).as("the backfill was still running when disrupted").isLessThan(20);
            disruption.strike(job);
            awaitState(job, "FINISHED");
        } finally {
            cancelUnlessDone(job);
        }
        Set<String> expected =
                clips.stream()
                        .map(v -> idOf("s3://videos/backfill/" + v.file()))
                        .collect(Collectors.toCollection(TreeSet::new));
        Tables t = Tables.read(out);
        assertParquet(t, expected);
        assertThat(t.failures).isEmpty();
        t.assertShotsMatch(clips);
        assertIndicesHoldTheTables(t, name + "-");
        return job;
    }

    /** Cancels a job still running (a test that failed half-way), so that the next finds slots. */
    private static void cancelUnlessDone(String job) throws Exception {
        String state = flink.jobState(job);
        if (!state.equals("FINISHED") && !state.equals("FAILED") && !state.equals("CANCELED")) {
            flink.cancel(job);
        }
    }

    /** The tables hold exactly these videos, each once, with their shots and frames once. */
    private static void assertParquet(Tables t, Set<String> expectedIds) {
        assertThat(t.okVideoIds()).isEqualTo(expectedIds);
        assertThat(t.videos).as("no failed video rows").allMatch(v -> v.status().equals("ok"));
        assertThat(t.videos).hasSize(expectedIds.size());
        t.assertExactlyOnce();
    }

    /**
     * Each index holds exactly the documents of its table's rows: the ids the rows give, each once
     * (a replay overwrites by id, so a count above the ids would be a stray document).
     */
    private static void assertIndicesHoldTheTables(Tables t, String prefix) throws Exception {
        Set<String> videos = new TreeSet<>();
        t.videos.forEach(v -> videos.add(v.id()));
        Set<String> shots = new TreeSet<>();
        t.shots.forEach(s -> shots.add(s.videoId() + "/" + s.index()));
        Set<String> frames = new TreeSet<>();
        t.frames.forEach(f -> frames.add(f.videoId() + "/" + f.shot() + "/" + f.frame()));
        assertThat(frames).as("frames table rows").hasSize(t.frames.size());
        Properties p = new Properties();
        p.setProperty("es.url", es.url());
        p.setProperty("es.index-prefix", prefix);
        ElasticsearchConfig config = ElasticsearchConfig.from(p);
        try (ElasticsearchConnection c = ElasticsearchConnection.open(config)) {
            assertThat(documentIds(c, SearchIndex.VIDEOS.alias(config))).isEqualTo(videos);
            assertThat(documentIds(c, SearchIndex.SHOTS.alias(config))).isEqualTo(shots);
            assertThat(documentIds(c, SearchIndex.FRAMES.alias(config))).isEqualTo(frames);
        }
    }

    /** Every document id of an index, after a refresh; fails when an id is there twice. */
    private static Set<String> documentIds(ElasticsearchConnection c, String alias)
            throws Exception {
        c.json("POST", "/" + alias + "/_refresh", null);
        long count = c.json("GET", "/" + alias + "/_count", null).path("count").asLong();
        JsonNode hits =
                c.json(
                                "POST",
                                "/" + alias + "/_search",
                                "{\"size\": 10000, \"_source\": false,"
                                        + " \"query\": {\"match_all\": {}}}")
                        .path("hits")
                        .path("hits");
        Set<String> ids = new TreeSet<>();
        hits.forEach(h -> ids.add(h.path("_id").asText()));
        assertThat(count).as("documents in " + alias).isEqualTo(ids.size());
        return ids;
    }

    private static void awaitState(String job, String state) throws InterruptedException {
        ServerProcess.await(
                JOB_TIMEOUT,
                "job " + job + " to be " + state,
                () -> {
                    String now = flink.jobState(job);
                    if (now.equals("FAILED") || (now.equals("FINISHED") && !state.equals(now))) {
                        throw new IllegalStateException("job is " + now + ": " + diagnostics(job));
                    }
                    return now.equals(state);
                },
                () -> diagnostics(job));
    }

    private static String diagnostics(String job) {
        StringBuilder b = new StringBuilder();
        try {
            b.append("job state: ").append(flink.jobState(job)).append('\n');
            JsonNode cp = flink.get("/jobs/" + job + "/checkpoints");
            b.append("checkpoints: ")
                    .append(cp.path("counts"))
                    .append(" latest failed: ")
                    .append(cp.path("latest").path("failed").path("failure_message"))
                    .append('\n');
            JsonNode ex = flink.get("/jobs/" + job + "/exceptions");
            b.append("exceptions: ")
                    .append(
                            ex.path("exceptionHistory").path("entries").toString(),
                            0,
                            Math.min(
                                    3000,
                                    ex.path("exceptionHistory")
                                            .path("entries")
                                            .toString()
                                            .length()))
                    .append('\n');
        } catch (Exception e) {
            b.append("(no job details: ").append(e).append(")\n");
        }
        b.append(flink.logTail(flink.taskManagerLog(), 20));
        return b.toString();
    }

    /**
     * The framewise metrics of a running job, summed over subtasks, as the web UI reads them from
     * the REST API (histograms as NAME_count, NAME_mean, ...).
     */
    private static Map<String, Double> framewiseMetrics(String job) throws Exception {
        Map<String, Double> sums = new HashMap<>();
        for (JsonNode vertex : flink.get("/jobs/" + job).get("vertices")) {
            String base = "/jobs/" + job + "/vertices/" + vertex.get("id").asText() + "/metrics";
            List<String> ids = new ArrayList<>();
            for (JsonNode m : flink.get(base)) {
                String id = m.get("id").asText();
                if (id.contains(".framewise.")) {
                    ids.add(id);
                }
            }
            for (int from = 0; from < ids.size(); from += 40) {
                String get = String.join(",", ids.subList(from, Math.min(ids.size(), from + 40)));
                for (JsonNode m : flink.get(base + "?get=" + get)) {
                    String id = m.get("id").asText();
                    String name = id.substring(id.indexOf(".framewise.") + ".framewise.".length());
                    try {
                        sums.merge(name, Double.parseDouble(m.get("value").asText()), Double::sum);
                    } catch (NumberFormatException e) {
                        sums.putIfAbsent(name, Double.NaN);
                    }
                }
            }
        }
        return sums;
    }

    private static String prometheus(int port) throws Exception {
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + port + "/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }
}
