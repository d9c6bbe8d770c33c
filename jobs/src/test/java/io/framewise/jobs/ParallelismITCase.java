package io.framewise.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.connectors.parquet.ParquetTableReader;
import io.framewise.pipeline.metrics.JobCounts;
import io.framewise.pipeline.video.VideoRef;
import io.framewise.testkit.samples.LabelledVideo;
import io.framewise.testkit.samples.SampleVideoWriter;
import io.framewise.testkit.samples.SampleVideos;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.JobExecutionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index job gives the same shots and the same keyframes for any parallelism: how a video is cut
 * into segments depends on the video alone, and the keyframes are chosen from candidates measured
 * while those segments are decoded.
 */
class ParallelismITCase {

    @TempDir Path dir;

    @Test
    void shotsAndKeyframesAreTheSameForAnyParallelism() throws Exception {
        Path videos = dir.resolve("videos");
        LabelledVideo lecture = SampleVideoWriter.write(SampleVideos.lecture(), videos);
        LabelledVideo screen = SampleVideoWriter.write(SampleVideos.screen(), videos);
        List<VideoRef> refs =
                List.of(
                        VideoRef.of(videos.resolve(lecture.file())),
                        VideoRef.of(videos.resolve(screen.file())));
        Properties settings = new Properties();
        // Segments of 4 s: both videos are decoded in several segments, whatever the subtasks.
        settings.setProperty("shots.segment-seconds", "4");

        Set<String> shots1 = null;
        Set<String> keyframes1 = null;
        for (int parallelism : new int[] {1, 3}) {
            Path out = dir.resolve("out-" + parallelism);
            JobExecutionResult result = LocalIndex.run(refs, out, parallelism, settings);
            Set<String> shots = rows(out, io.framewise.connectors.parquet.Tables.SHOTS, true);
            Set<String> keyframes = rows(out, io.framewise.connectors.parquet.Tables.FRAMES, false);
            // The progress Flink reports (accumulators, merged over the subtasks) is the rows
            // written, whatever the parallelism.
            JobCounts.Snapshot counts = JobCounts.Snapshot.of(result.getAllAccumulatorResults());
            assertThat(counts.videosDone()).isEqualTo(2);
            assertThat(counts.videosFailed()).isZero();
            assertThat(counts.shots()).isEqualTo(shots.size());
            assertThat(counts.keyframes()).isEqualTo(keyframes.size());
            assertThat(counts.failures()).isZero();
            assertThat(counts.frames()).isEqualTo(lecture.frames() + screen.frames());
            // Every labelled shot start of both videos, and a keyframe in every shot.
            assertThat(shots)
                    .hasSize(
                            lecture.cuts().size()
                                    + lecture.gradual().size()
                                    + 1
                                    + screen.cuts().size()
                                    + 1);
            assertThat(keyframes.size()).isGreaterThanOrEqualTo(shots.size());
            if (shots1 == null) {
                shots1 = shots;
                keyframes1 = keyframes;
            } else {
                assertThat(shots).isEqualTo(shots1);
                assertThat(keyframes).isEqualTo(keyframes1);
            }
        }
    }

    /** Shots as video/index/first/last, or keyframes as video/shot/frame/phash. */
    private static Set<String> rows(
            Path out, io.framewise.connectors.parquet.Table<?> table, boolean shots)
            throws Exception {
        Set<String> rows = new TreeSet<>();
        for (GenericRecord r : ParquetTableReader.read(out, table)) {
            rows.add(
                    shots
                            ? r.get("video_id")
                                    + "/"
                                    + r.get("shot_index")
                                    + "/"
                                    + r.get("first_frame")
                                    + "/"
                                    + r.get("last_frame")
                            : r.get("video_id")
                                    + "/"
                                    + r.get("shot_index")
                                    + "/"
                                    + r.get("frame")
                                    + "/"
                                    + r.get("phash"));
        }
        return rows;
    }
}
