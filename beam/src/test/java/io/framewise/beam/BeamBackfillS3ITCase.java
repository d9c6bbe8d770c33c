package io.framewise.beam;

import static io.framewise.beam.ParquetQueries.query;
import static io.framewise.beam.ParquetQueries.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.framewise.connectors.testing.LocalS3;
import io.framewise.connectors.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Beam backfill from and to an S3-compatible server (s3proxy, started from its jar): videos
 * matched and fetched through Beam's AWS file system, tables and keyframe JPEGs written there. The
 * server keeps objects as files under its data directory, where DuckDB reads the tables back.
 */
class BeamBackfillS3ITCase {

    @TempDir Path dir;

    @Test
    void backfillsAPrefixOnObjectStorageIntoObjectStorage() throws Exception {
        try (LocalS3 s3 = LocalS3.start(dir.resolve("s3"), TestServers.pidDir())) {
            s3.createBucket("videos");
            s3.createBucket("tables");
            Path data = dir.resolve("s3/data");
            // The server's filesystem backend serves what lies in a bucket's directory.
            BackfillInputs.write(data.resolve("videos/in"));

            BackfillOptions options =
                    BeamBackfillPipeline.options(
                            "--input=s3://videos/in",
                            "--output=s3://tables/run",
                            "--targetParallelism=2",
                            "--awsRegion=us-east-1",
                            "--endpoint=" + s3.endpoint(),
                            "--s3ClientFactoryClass=" + S3CompatibleClients.class.getName(),
                            "--awsCredentialsProvider={\"@type\":"
                                    + " \"StaticCredentialsProvider\", \"accessKeyId\": \""
                                    + LocalS3.ACCESS_KEY
                                    + "\", \"secretAccessKey\": \""
                                    + LocalS3.SECRET_KEY
                                    + "\"}");
            assertThat(BeamBackfillPipeline.create(options).run().waitUntilFinish())
                    .isEqualTo(PipelineResult.State.DONE);

            Path out = data.resolve("tables/run");
            List<List<String>> videos =
                    query(
                            "select uri, status, keyframes from "
                                    + table(out, "videos")
                                    + " order by uri");
            assertThat(videos).hasSize(BackfillInputs.GOOD + BackfillInputs.BROKEN.size());
            assertThat(videos).allSatisfy(v -> assertThat(v.get(0)).startsWith("s3://videos/in/"));
            assertThat(videos.stream().filter(v -> v.get(1).equals("ok")))
                    .hasSize(BackfillInputs.GOOD)
                    .allSatisfy(v -> assertThat(Integer.parseInt(v.get(2))).isPositive());
            List<List<String>> failures =
                    query("select uri, stage from " + table(out, "failures") + " order by uri");
            assertThat(failures).hasSize(BackfillInputs.BROKEN.size());
            for (String broken : BackfillInputs.BROKEN) {
                assertThat(failures)
                        .anySatisfy(
                                f -> assertThat(f.get(0)).isEqualTo("s3://videos/in/" + broken));
            }
            // Every frame's JPEG is where its row says, in the output bucket.
            List<List<String>> frames = query("select keyframe_uri from " + table(out, "frames"));
            assertThat(frames).isNotEmpty();
            for (List<String> f : frames) {
                assertThat(out.resolve(f.get(0))).isRegularFile();
                assertThat(Files.size(out.resolve(f.get(0)))).isPositive();
            }
        }
    }
}
