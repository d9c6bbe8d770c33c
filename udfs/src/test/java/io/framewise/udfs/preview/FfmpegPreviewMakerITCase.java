package io.framewise.udfs.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.video.PreviewConfig;
import io.framewise.testkit.samples.LabelledVideo;
import io.framewise.testkit.samples.SampleSpec;
import io.framewise.testkit.samples.SampleVideoWriter;
import io.framewise.testkit.samples.Scene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegPreviewMakerITCase {

    @TempDir Path dir;

    private final FfmpegPreviewMaker maker =
            new FfmpegPreviewMaker(PreviewConfig.from(new Properties()));

    /** Three solid scenes of 20 frames (30 fps): dark, bright, dark. */
    private Path sample(SampleSpec spec) throws Exception {
        LabelledVideo v = SampleVideoWriter.write(spec, dir.resolve("videos"));
        return dir.resolve("videos").resolve(v.file());
    }

    private static List<Scene> scenes() {
        return List.of(
                Scene.cut(Scene.Look.SOLID, 0x202020, 20),
                Scene.cut(Scene.Look.SOLID, 0xE0E0E0, 20),
                Scene.cut(Scene.Look.SOLID, 0x202020, 20));
    }

    @Test
    void aVideoBrowsersCannotPlayGetsAnH264PreviewWithTheSameFrameTimes() throws Exception {
        // MPEG-4 Part 2 in Matroska: no browser plays it.
        Path original = sample(SampleSpec.of("old-format", 640, 480, scenes()));
        Path preview = dir.resolve("preview.mp4");

        assertThat(maker.make(original, "old-format.mkv", preview)).isTrue();

        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(preview.toFile())) {
            g.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8);
            g.start();
            assertThat(g.getVideoCodecName()).isEqualTo("h264");
            assertThat(g.getFormat()).contains("mp4");
            assertThat(g.getImageHeight()).isEqualTo(360);
            assertThat(g.getImageWidth()).isEqualTo(480);
            List<Long> times = new ArrayList<>();
            List<Double> luma = new ArrayList<>();
            Frame f;
            while ((f = g.grabImage()) != null) {
                times.add(f.timestamp);
                luma.add(meanLuma(f));
            }
            assertThat(times).hasSize(60);
            // Frame n at n/30 s, as in the original: the index's times hold in the preview.
            for (int n = 0; n < times.size(); n++) {
                assertThat(times.get(n))
                        .as("frame " + n)
                        .isBetween(n * 33_333L - 1_000, n * 33_333L + 1_000);
            }
            // The bright scene is frames 20-39, in the preview too.
            assertThat(luma.get(10)).isLessThan(80);
            assertThat(luma.get(30)).isGreaterThan(180);
            assertThat(luma.get(50)).isLessThan(80);
        }
    }

    @Test
    void aVideoBrowsersPlayGetsNoPreview() throws Exception {
        Path original =
                sample(SampleSpec.of("playable", 320, 240, scenes()).withFormat("webm", "libvpx"));
        Path preview = dir.resolve("none.mp4");
        assertThat(maker.make(original, "playable.webm", preview)).isFalse();
        assertThat(preview).doesNotExist();
    }

    @Test
    void notAVideoIsAClearError() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.mkv"), "not a video at all");
        assertThatThrownBy(() -> maker.make(text, "notes.mkv", dir.resolve("x.mp4")))
                .isInstanceOf(VideoException.class)
                .hasMessageContaining("notes.mkv");
    }

    /** Mean luma of a grey picture. */
    private static double meanLuma(Frame f) {
        java.nio.ByteBuffer b = (java.nio.ByteBuffer) f.image[0];
        long sum = 0;
        int n = f.imageWidth * f.imageHeight;
        for (int y = 0; y < f.imageHeight; y++) {
            for (int x = 0; x < f.imageWidth; x++) {
                sum += b.get(y * f.imageStride + x) & 0xFF;
            }
        }
        return (double) sum / n;
    }
}
