package io.framewise.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.testkit.samples.LabelledVideo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Parquet tables of one output, read with DuckDB as analysts read them (committed files only:
 * in-progress ones are hidden), and the checks the job tests make on them: each video once, and
 * each video's shots and frames exactly as many as its row says, none twice.
 */
public final class Tables {

    /** A {@code videos} row. */
    public record Video(String id, String uri, String status, int shots, int keyframes) {
        String file() {
            return uri.substring(uri.lastIndexOf('/') + 1);
        }
    }

    /** A {@code shots} row. */
    public record Shot(String videoId, int index, long firstFrame) {}

    /** A {@code frames} row. */
    public record Frame(String videoId, int shot, long frame) {}

    /** A {@code failures} row. */
    public record Failure(
            String videoId, String uri, String stage, String code, String message, String input) {}

    public final List<Video> videos = new ArrayList<>();
    public final List<Shot> shots = new ArrayList<>();
    public final List<Frame> frames = new ArrayList<>();
    public final List<Failure> failures = new ArrayList<>();

    private Tables() {}

    /** Reads every committed row under {@code out}. */
    public static Tables read(Path out) throws Exception {
        Tables t = new Tables();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = db.createStatement()) {
            if (has(out, "videos")) {
                ResultSet r =
                        sql.executeQuery(
                                "select video_id, uri, status, shots, keyframes from "
                                        + table(out, "videos"));
                while (r.next()) {
                    t.videos.add(
                            new Video(
                                    r.getString(1),
                                    r.getString(2),
                                    r.getString(3),
                                    r.getInt(4),
                                    r.getInt(5)));
                }
            }
            if (has(out, "shots")) {
                ResultSet r =
                        sql.executeQuery(
                                "select video_id, shot_index, first_frame from "
                                        + table(out, "shots"));
                while (r.next()) {
                    t.shots.add(new Shot(r.getString(1), r.getInt(2), r.getLong(3)));
                }
            }
            if (has(out, "frames")) {
                ResultSet r =
                        sql.executeQuery(
                                "select video_id, shot_index, frame from " + table(out, "frames"));
                while (r.next()) {
                    t.frames.add(new Frame(r.getString(1), r.getInt(2), r.getLong(3)));
                }
            }
            if (has(out, "failures")) {
                ResultSet r =
                        sql.executeQuery(
                                "select video_id, uri, stage, code, message, input from "
                                        + table(out, "failures"));
                while (r.next()) {
                    t.failures.add(
                            new Failure(
                                    r.getString(1),
                                    r.getString(2),
                                    r.getString(3),
                                    r.getString(4),
                                    r.getString(5),
                                    r.getString(6)));
                }
            }
        }
        return t;
    }

    /** True when the table has at least one committed file. */
    private static boolean has(Path out, String table) throws Exception {
        Path dir = out.resolve(table);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.anyMatch(
                    p ->
                            p.getFileName().toString().endsWith(".parquet")
                                    && !p.getFileName().toString().startsWith("."));
        }
    }

    private static String table(Path out, String table) {
        return "read_parquet('"
                + out.resolve(table + "/*/*.parquet")
                + "', hive_partitioning = true)";
    }

    /** Each video's latest status, by file name (the last URI segment). */
    public Map<String, String> statusByFile() {
        Map<String, String> m = new HashMap<>();
        for (Video v : videos) {
            m.merge(v.file(), v.status(), (a, b) -> a.equals("ok") ? a : b);
        }
        return m;
    }

    public Set<String> okVideoIds() {
        return videos.stream()
                .filter(v -> v.status().equals("ok"))
                .map(Video::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    public List<String> failureCodes() {
        return failures.stream().map(Failure::code).sorted().toList();
    }

    public Set<String> shotKeys() {
        return shots.stream()
                .map(s -> s.videoId() + "/" + s.index() + "@" + s.firstFrame())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    public Set<String> frameKeys() {
        return frames.stream()
                .map(f -> f.videoId() + "/" + f.shot() + "/" + f.frame())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Nothing twice, nothing lost: one {@code ok} row per indexed video; its shots numbered 0..n-1
     * once each, n as its row says; its frames once each, as many as its row says; no shot or frame
     * of a video without an {@code ok} row.
     */
    public void assertExactlyOnce() {
        Map<String, Video> ok = new HashMap<>();
        for (Video v : videos) {
            if (v.status().equals("ok")) {
                assertThat(ok.put(v.id(), v)).as("ok row of %s twice", v.id()).isNull();
            }
        }
        Map<String, List<Integer>> shotIndexes = new HashMap<>();
        Set<String> seenShots = new HashSet<>();
        for (Shot s : shots) {
            assertThat(seenShots.add(s.videoId() + "/" + s.index()))
                    .as("shot %s/%d twice", s.videoId(), s.index())
                    .isTrue();
            assertThat(ok).as("shot of a video without an ok row").containsKey(s.videoId());
            shotIndexes.computeIfAbsent(s.videoId(), k -> new ArrayList<>()).add(s.index());
        }
        Map<String, Integer> frameCounts = new HashMap<>();
        Set<String> seenFrames = new HashSet<>();
        for (Frame f : frames) {
            assertThat(seenFrames.add(f.videoId() + "/" + f.frame()))
                    .as("frame %s/%d twice", f.videoId(), f.frame())
                    .isTrue();
            assertThat(ok).as("frame of a video without an ok row").containsKey(f.videoId());
            frameCounts.merge(f.videoId(), 1, Integer::sum);
        }
        for (Video v : ok.values()) {
            List<Integer> idx = shotIndexes.getOrDefault(v.id(), List.of());
            assertThat(idx).as("shots of %s", v.id()).hasSize(v.shots());
            assertThat(new TreeSet<>(idx).last()).isEqualTo(v.shots() - 1);
            assertThat(frameCounts.getOrDefault(v.id(), 0))
                    .as("frames of %s", v.id())
                    .isEqualTo(v.keyframes());
        }
    }

    /** Each labelled video's shots start where its labels say (within a frame). */
    public void assertShotsMatch(List<LabelledVideo> labelled) {
        Map<String, Video> byFile = new HashMap<>();
        videos.stream().filter(v -> v.status().equals("ok")).forEach(v -> byFile.put(v.file(), v));
        for (LabelledVideo l : labelled) {
            Video v = byFile.get(l.file());
            assertThat(v).as("ok row of %s", l.file()).isNotNull();
            List<Long> starts =
                    shots.stream()
                            .filter(s -> s.videoId().equals(v.id()))
                            .sorted((a, b) -> Integer.compare(a.index(), b.index()))
                            .map(Shot::firstFrame)
                            .toList();
            assertThat(starts).as("shots of %s", l.file()).hasSize(l.shots().size());
            for (int i = 0; i < starts.size(); i++) {
                assertThat(starts.get(i))
                        .as("shot %d of %s", i, l.file())
                        .isBetween(
                                (long) l.shots().get(i).firstFrame() - 1,
                                (long) l.shots().get(i).firstFrame() + 1);
            }
        }
    }
}
