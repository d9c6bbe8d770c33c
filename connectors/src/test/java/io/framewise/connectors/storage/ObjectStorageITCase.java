package io.framewise.connectors.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.framewise.connectors.files.FileSystemKeyframeStore;
import io.framewise.connectors.source.Incoming;
import io.framewise.connectors.source.ObjectStoreFetcher;
import io.framewise.connectors.source.SourceConfig;
import io.framewise.connectors.testing.LocalS3;
import io.framewise.connectors.testing.ServerProcess;
import io.framewise.connectors.testing.TestServers;
import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.Picture;
import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.video.VideoRef;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Object storage against a real S3-compatible server (s3proxy): listing a prefix through Flink's S3
 * file system in a job, streaming an object into a spill file, writing keyframes; and local
 * directories the same way.
 */
class ObjectStorageITCase {

    @TempDir static Path dir;
    static LocalS3 s3;
    static Map<String, byte[]> objects = new java.util.LinkedHashMap<>();

    @BeforeAll
    static void startS3() throws Exception {
        ServerProcess.reapStale(TestServers.pidDir());
        s3 = LocalS3.start(dir.resolve("s3"), TestServers.pidDir());
        s3.createBucket("videos");
        s3.initializeFlinkFileSystems();
        Random random = new Random(7);
        for (String key :
                new String[] {
                    "2024/a.mp4",
                    "2024/b.MKV",
                    "2024/deep/er/c.webm",
                    "2024/notes.txt",
                    "2024/.hidden.mp4",
                    "2024/_tmp/d.mp4",
                    "2025/e.mp4"
                }) {
            byte[] bytes = new byte[100_000 + random.nextInt(200_000)];
            random.nextBytes(bytes);
            Path f = Files.write(dir.resolve("upload.bin"), bytes);
            s3.put("s3://videos/" + key, f);
            objects.put(key, bytes);
        }
    }

    @AfterAll
    static void stopS3() {
        FileSystem.initialize(new Configuration(), null);
        if (s3 != null) {
            s3.close();
        }
    }

    private static List<Incoming> list(URI root) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<Incoming> out = new ArrayList<>();
        try (CloseableIterator<Incoming> it =
                env.fromSource(
                                VideoListing.source(List.of(root), SourceConfig.defaults()),
                                WatermarkStrategy.noWatermarks(),
                                "listing")
                        .executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void aListingFindsEachVideoUnderThePrefixOnce() throws Exception {
        List<Incoming> listed = list(URI.create("s3://videos/2024"));
        assertThat(listed.stream().map(i -> i.video().uri()))
                .containsExactlyInAnyOrder(
                        "s3://videos/2024/a.mp4",
                        "s3://videos/2024/b.MKV",
                        "s3://videos/2024/deep/er/c.webm");
        for (Incoming i : listed) {
            assertThat(i.fromListing()).isTrue();
            assertThat(i.at()).as("modification time").isPositive();
            // Listed in path order, not time order: the shots take their indexing time.
            assertThat(i.video().receivedAt()).as("no upload time").isZero();
            assertThat(i.video().videoId())
                    .isEqualTo(VideoRef.of(URI.create(i.video().uri())).videoId());
        }
    }

    @Test
    void localDirectoriesListTheSameWay() throws Exception {
        Path local = Files.createDirectories(dir.resolve("local/sub"));
        Files.write(local.resolve("x.mp4"), new byte[] {1, 2, 3});
        Files.write(local.resolve("y.txt"), new byte[] {1});
        Files.write(dir.resolve("local/z.mov"), new byte[] {4});
        List<Incoming> listed = list(dir.resolve("local").toUri());
        Set<String> uris = listed.stream().map(i -> i.video().uri()).collect(Collectors.toSet());
        assertThat(uris)
                .containsExactlyInAnyOrder(
                        local.resolve("x.mp4").toUri().toString(),
                        dir.resolve("local/z.mov").toUri().toString());
        // The same file gets the same id whether listed or named on the command line.
        assertThat(listed.stream().map(i -> i.video().videoId()))
                .contains(VideoRef.of(local.resolve("x.mp4")).videoId());
    }

    @Test
    void anObjectIsStreamedIntoASpillFileThatCloseDeletes() throws Exception {
        Path spill = Files.createDirectories(dir.resolve("spill"));
        Properties p = new Properties();
        p.setProperty("sources.spill-dir", spill.toString());
        // Room for one copy: fetching a second evicts the first.
        p.setProperty("sources.spill-cache-bytes", "310000");
        ObjectStoreFetcher fetcher = new ObjectStoreFetcher(SourceConfig.from(p));
        VideoRef a = VideoRef.of(URI.create("s3://videos/2024/a.mp4"));
        Path copy = fetcher.fetch(a);
        assertThat(copy).startsWith(spill);
        assertThat(Files.readAllBytes(copy)).isEqualTo(objects.get("2024/a.mp4"));
        assertThat(fetcher.fetch(a)).as("cached").isEqualTo(copy);
        Path e = fetcher.fetch(VideoRef.of(URI.create("s3://videos/2025/e.mp4")));
        assertThat(Files.readAllBytes(e)).isEqualTo(objects.get("2025/e.mp4"));
        assertThat(copy).as("evicted").doesNotExist();
        assertThatThrownBy(() -> fetcher.fetch(VideoRef.of(URI.create("s3://videos/none.mp4"))))
                .isInstanceOf(VideoException.class)
                .satisfies(x -> assertThat(((VideoException) x).codeName()).isEqualTo("not_found"));
        assertThatThrownBy(() -> fetcher.fetch(VideoRef.of(URI.create("gopher://h/x.mp4"))))
                .satisfies(
                        x -> assertThat(((VideoException) x).codeName()).isEqualTo("uri_rejected"));
        Path local = Files.write(dir.resolve("local.mp4"), new byte[] {9});
        assertThat(fetcher.fetch(VideoRef.of(local))).as("used in place").isEqualTo(local);
        fetcher.close();
        try (var left = Files.list(spill)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void keyframesAreWrittenToObjectStorage() throws Exception {
        s3.createBucket("out");
        byte[] grey = new byte[32 * 16];
        java.util.Arrays.fill(grey, (byte) 128);
        Keyframe k =
                new Keyframe(
                        "vid-1",
                        2,
                        40,
                        1600,
                        "00:00:01:15",
                        0,
                        null,
                        new Picture(32, 16, 1, grey),
                        0.0);
        String relative = FileSystemKeyframeStore.forOutput("s3://out/run", 80).create().store(k);
        assertThat(relative).isEqualTo("keyframes/vid-1/2-40.jpg");
        org.apache.flink.core.fs.Path written =
                new org.apache.flink.core.fs.Path("s3://out/run/" + relative);
        try (InputStream in = written.getFileSystem().open(written)) {
            byte[] jpeg = in.readAllBytes();
            assertThat(jpeg).hasSizeGreaterThan(100);
            assertThat(jpeg[0]).isEqualTo((byte) 0xFF);
            assertThat(jpeg[1]).isEqualTo((byte) 0xD8);
        }
    }
}
