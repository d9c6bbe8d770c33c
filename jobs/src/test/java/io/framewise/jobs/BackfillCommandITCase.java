package io.framewise.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.jobs.cli.Framewise;
import io.framewise.testkit.samples.LabelledVideo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code framewise backfill} on a local MiniCluster over a directory: every video indexed once, a
 * second run resumes (indexes nothing twice), and batch execution writes the same rows.
 */
class BackfillCommandITCase {

    @TempDir static Path dir;
    static Path videos;
    static List<LabelledVideo> labelled;
    static Path out;
    static Tables first;

    @BeforeAll
    static void backfillOnce() throws Exception {
        videos = Files.createDirectories(dir.resolve("videos"));
        labelled = TinyVideos.write(videos.resolve("2024"), "tiny", 4);
        Files.writeString(videos.resolve("2024/broken.mp4"), "not a video\n".repeat(40));
        Files.writeString(videos.resolve("notes.txt"), "not listed");
        out = dir.resolve("out");
        run("backfill", videos.toString(), "--out", out.toString(), "--parallelism", "2");
        first = Tables.read(out);
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Framewise.run(args, new PrintWriter(out), new PrintWriter(err));
        assertThat(err.toString()).isEmpty();
        assertThat(status).as(out.toString()).isZero();
        return out.toString();
    }

    @Test
    void backfillIndexesEachVideoOnceAndResumes() throws Exception {
        Map<String, String> byFile = first.statusByFile();
        Map<String, String> expected =
                labelled.stream().collect(Collectors.toMap(LabelledVideo::file, v -> "ok"));
        expected.put("broken.mp4", "failed");
        assertThat(byFile).isEqualTo(expected);
        first.assertExactlyOnce();
        first.assertShotsMatch(labelled);
        assertThat(first.failureCodes()).containsExactly("not_a_video");

        String again =
                run(
                        "backfill",
                        videos.toUri().toString(),
                        "--out",
                        out.toString(),
                        "--parallelism",
                        "2");
        assertThat(again).containsPattern("indexed\\s+0");
        Tables second = Tables.read(out);
        // Only the failed video was tried again: one more failed row and failure, no ok row twice.
        assertThat(second.okVideoIds()).isEqualTo(first.okVideoIds());
        second.assertExactlyOnce();
        assertThat(second.failureCodes()).containsExactly("not_a_video", "not_a_video");
    }

    @Test
    void batchExecutionWritesTheSameRows() throws Exception {
        Path batch = dir.resolve("batch");
        run(
                "backfill",
                videos.toString(),
                "--out",
                batch.toString(),
                "--parallelism",
                "2",
                "--execution-mode",
                "batch");
        Tables a = first;
        Tables b = Tables.read(batch);
        assertThat(b.okVideoIds()).hasSize(labelled.size()).isEqualTo(a.okVideoIds());
        assertThat(b.shotKeys()).isEqualTo(a.shotKeys());
        assertThat(b.frameKeys()).isEqualTo(a.frameKeys());
        b.assertExactlyOnce();
        Set<String> ids = b.okVideoIds();
        assertThat(ids).allMatch(id -> id.startsWith("tiny-"));
    }
}
