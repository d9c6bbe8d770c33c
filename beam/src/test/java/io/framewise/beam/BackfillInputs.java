package io.framewise.beam;

import static io.framewise.testkit.samples.Scene.Look.GRADIENT;
import static io.framewise.testkit.samples.Scene.Look.SOLID;

import io.framewise.connectors.source.SourceConfig;
import io.framewise.pipeline.video.VideoRef;
import io.framewise.testkit.samples.SampleSpec;
import io.framewise.testkit.samples.SampleVideoWriter;
import io.framewise.testkit.samples.Scene;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A small backfill prefix made in the test: three good videos (hard cuts, some with text on screen,
 * MP4 and Matroska), a truncated MP4, a text file named like a video, and files a listing skips
 * (another extension, a hidden directory).
 */
final class BackfillInputs {

    /** The files that are taken for videos and fail: each must give one failure row. */
    static final List<String> BROKEN = List.of("truncated.mp4", "not-a-video.mkv");

    static final int GOOD = 3;

    private BackfillInputs() {}

    /**
     * The videos a backfill listing takes under {@code in}, as the Flink job is given them: files
     * named like videos ({@code sources.video-extensions}), none in a hidden directory, in order.
     */
    static List<VideoRef> listed(Path in) throws IOException {
        SourceConfig sources = SourceConfig.defaults();
        try (Stream<Path> walk = Files.walk(in)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !in.relativize(p).toString().startsWith("."))
                    .filter(p -> sources.looksLikeVideo(p.getFileName().toString()))
                    .sorted()
                    .map(VideoRef::of)
                    .toList();
        }
    }

    static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        SampleVideoWriter.write(
                SampleSpec.of(
                                "talk-00",
                                320,
                                180,
                                List.of(
                                        Scene.cut(SOLID, 0x1E2A44, 24, "Quarterly review"),
                                        Scene.cut(GRADIENT, 0xD0C020, 20),
                                        Scene.cut(SOLID, 0xF0F0F0, 22, "Invoice total 42")))
                        .withFormat("mp4", "mpeg4"),
                dir);
        SampleVideoWriter.write(
                SampleSpec.of(
                        "slides-01",
                        320,
                        180,
                        List.of(
                                Scene.cut(GRADIENT, 0x3050C0, 20),
                                Scene.cut(SOLID, 0x803020, 24, "Agenda"))),
                dir);
        Path nested = Files.createDirectories(dir.resolve("2024/05"));
        SampleVideoWriter.write(
                SampleSpec.of(
                                "plain-02",
                                160,
                                90,
                                List.of(
                                        Scene.cut(SOLID, 0x20A040, 18),
                                        Scene.cut(GRADIENT, 0x904090, 21),
                                        Scene.cut(SOLID, 0x202020, 19),
                                        Scene.cut(GRADIENT, 0xF0F0F0, 20)))
                        .withFormat("mp4", "mpeg4"),
                nested);
        byte[] whole = Files.readAllBytes(dir.resolve("talk-00.mp4"));
        Files.write(dir.resolve("truncated.mp4"), Arrays.copyOf(whole, whole.length / 3));
        Files.writeString(
                dir.resolve("not-a-video.mkv"), "just text, not a video\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("notes.txt"), "not listed\n", StandardCharsets.UTF_8);
        Path hidden = Files.createDirectories(dir.resolve(".trash"));
        Files.copy(dir.resolve("slides-01.mkv"), hidden.resolve("old.mkv"));
    }
}
