package io.framewise.udfs.shots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.shots.ShotDetectionConfig;
import io.framewise.testkit.samples.LabelledVideo;
import io.framewise.testkit.samples.SampleSpec;
import io.framewise.testkit.samples.SampleVideoWriter;
import io.framewise.testkit.samples.SampleVideos;
import io.framewise.testkit.samples.X264;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * H.264 as x264 writes it by default, with B-pictures that others reference: the decoder skips
 * those too on still content (see {@link SegmentDecoder}), and boundaries must not move. Needs the
 * {@code ffmpeg} command with libx264 (CI installs it); skipped without.
 */
class X264PyramidITCase {

    @TempDir static Path dir;

    @BeforeAll
    static void needsX264() {
        assumeTrue(X264.available(), "no ffmpeg with libx264 here");
    }

    @Test
    void referencedBPicturesAreToldApartInBothFramings() throws Exception {
        LabelledVideo v = SampleVideoWriter.write(SampleVideos.lecture(), dir);
        Path source = dir.resolve(v.file());
        int mp4 = referencedB(X264.encode(source, dir.resolve("pyramid.mp4"), 250, true));
        int ts = referencedB(X264.encode(source, dir.resolve("pyramid.ts"), 250, true));
        int flat = referencedB(X264.encode(source, dir.resolve("flat.mp4"), 250, false));
        // Without the pyramid no B-picture is referenced; with it, about one in every four frames
        // of still content is (the middle of three B-frames).
        assertThat(flat).isZero();
        assertThat(mp4).isGreaterThan(v.frames() / 10).isLessThan(v.frames() / 3);
        assertThat(ts).isEqualTo(mp4);
    }

    private static int referencedB(Path file) throws Exception {
        int count = 0;
        try (MediaInput in = MediaInput.open(file, Deadline.after(Duration.ofMinutes(1)), true)) {
            H264Slices slices = H264Slices.of(in.stream().codecpar());
            assertThat(slices).isNotNull();
            AVPacket packet = av_packet_alloc();
            try {
                while (in.read(packet)) {
                    if (packet.stream_index() == in.streamIndex() && slices.isReferenceB(packet)) {
                        count++;
                    }
                    av_packet_unref(packet);
                }
            } finally {
                av_packet_free(packet);
            }
        }
        return count;
    }

    static Stream<SampleSpec> samples() {
        return Stream.of(SampleVideos.lecture(), SampleVideos.screen());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void skippingStillPicturesFindsTheSameBoundariesForAnySegments(SampleSpec spec)
            throws Exception {
        LabelledVideo truth = SampleVideoWriter.write(spec, dir);
        Path file =
                X264.encode(
                        dir.resolve(truth.file()),
                        dir.resolve(spec.name() + "-x264.mp4"),
                        30,
                        true);
        assertThat(referencedB(file)).isPositive();
        Properties full = new Properties();
        full.setProperty("shots.decoder.skip-still-frames", "false");
        full.setProperty("shots.decoder.skip-still-runs", "false");
        ShotDetection decoded = SkippingChecks.detect(ShotDetectionConfig.from(full), file);
        SkippingChecks.matchesTruth(decoded, truth);
        SkippingChecks.sameForAnySegments(decoded, file);
    }
}
