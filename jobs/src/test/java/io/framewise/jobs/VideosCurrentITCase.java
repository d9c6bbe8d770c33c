package io.framewise.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.pipeline.video.VideoRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A video indexed twice into the same output (a broken file a resume run tries again) has two rows
 * in {@code videos}, its history, and one in the notebooks' {@code videos_current}: the newest.
 */
class VideosCurrentITCase {

    @TempDir Path dir;

    @Test
    void aVideoIndexedTwiceIsOneCurrentRowAndTwoRowsOfHistory() throws Exception {
        Path broken = dir.resolve("broken.mp4");
        Files.write(broken, "not a video at all".repeat(10).getBytes());
        Path out = dir.resolve("out");
        List<VideoRef> videos = List.of(VideoRef.of(broken));
        for (int run = 0; run < 2; run++) {
            LocalIndex.run(videos, out, 1, new Properties());
        }
        String id = videos.get(0).videoId();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = c.createStatement()) {
            new NotebookViews(Path.of("..", "notebooks", "views.sql")).create(sql, out);
            assertThat(count(sql, "select count(*) from videos where video_id = '" + id + "'"))
                    .isEqualTo(2);
            assertThat(count(sql, "select count(*) from failures where video_id = '" + id + "'"))
                    .isEqualTo(2);
            assertThat(
                            count(
                                    sql,
                                    "select count(*) from videos_current where video_id = '"
                                            + id
                                            + "' and status = 'failed' and processed_at ="
                                            + " (select max(processed_at) from videos)"))
                    .isEqualTo(1);
            assertThat(count(sql, "select count(*) from videos_current")).isEqualTo(1);
        }
    }

    private static long count(Statement sql, String query) throws Exception {
        try (ResultSet r = sql.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }
}
