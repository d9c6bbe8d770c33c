package io.framewise.udfs.shots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.framewise.pipeline.shots.GradualTransition;
import io.framewise.pipeline.shots.HardCut;
import io.framewise.pipeline.shots.Shot;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.shots.ShotDetectionConfig;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.shots.VideoException.Code;
import io.framewise.testkit.samples.LabelledVideo;
import io.framewise.testkit.samples.SampleSpec;
import io.framewise.testkit.samples.SampleVideoWriter;
import io.framewise.testkit.samples.SampleVideos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The detector on real, generated video files: accuracy, formats, segments and bad input. */
class FfmpegShotDetectorITCase {

    @TempDir static Path dir;

    static ShotDetector detector;

    @BeforeAll
    static void open() {
        detector =
                FfmpegShotDetector.factory(ShotDetectionConfig.defaults().withSegments(2)).create();
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    static Stream<SampleSpec> samples() {
        return Stream.of(
                SampleVideos.lecture(),
                SampleVideos.motion(),
                SampleVideos.portrait().withFormat("webm", "libvpx-vp9"),
                SampleVideos.screen(),
                SampleVideos.screen().withFormat("mp4", "libopenh264").withGop(250),
                SampleVideos.lecture()
                        .withFormat("mp4", "libopenh264")
                        .withRate(30000, 1001)
                        .withRotation(90),
                new SampleSpec(
                        "odd-vfr",
                        642,
                        362,
                        25,
                        1,
                        "matroska:mkv",
                        "mpeg4",
                        40,
                        2,
                        0,
                        true,
                        SampleVideos.motion().scenes()));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void findsEveryLabelledBoundaryAndNothingElse(SampleSpec spec) throws Exception {
        LabelledVideo truth = SampleVideoWriter.write(spec, dir);
        ShotDetection found = detector.detect(dir.resolve(truth.file()));

        assertThat(found.info().frames()).isEqualTo(truth.frames());
        List<Long> cuts = found.cuts().stream().map(HardCut::frame).toList();
        assertThat(cuts).hasSameSizeAs(truth.cuts());
        for (int i = 0; i < cuts.size(); i++) {
            assertThat(cuts.get(i)).isBetween(truth.cuts().get(i) - 1L, truth.cuts().get(i) + 1L);
        }
        assertThat(found.gradual()).hasSameSizeAs(truth.gradual());
        for (int i = 0; i < truth.gradual().size(); i++) {
            GradualTransition g = found.gradual().get(i);
            int[] labelled = truth.gradual().get(i);
            long middle = (g.firstFrame() + g.lastFrame()) / 2;
            assertThat(middle).isBetween(labelled[0] - 1L, labelled[1] + 1L);
        }
        for (int flash : truth.noCut()) {
            assertThat(cuts).doesNotContain((long) flash);
        }
        assertShotsTileTheVideo(found);
    }

    private static void assertShotsTileTheVideo(ShotDetection found) {
        List<Shot> shots = found.shots();
        assertThat(shots.get(0).firstFrame()).isZero();
        assertThat(shots.get(0).startMs()).isZero();
        for (int i = 1; i < shots.size(); i++) {
            assertThat(shots.get(i).firstFrame()).isEqualTo(shots.get(i - 1).lastFrame() + 1);
            assertThat(shots.get(i).startMs()).isEqualTo(shots.get(i - 1).endMs());
        }
        assertThat(shots.get(shots.size() - 1).lastFrame()).isEqualTo(found.info().frames() - 1);
        assertThat(shots.get(shots.size() - 1).endMs()).isEqualTo(found.info().durationMs());
    }

    @Test
    void readsRateRotationAndDropFrameTimecodes() throws Exception {
        SampleSpec spec =
                SampleVideos.lecture()
                        .withFormat("mp4", "libopenh264")
                        .withRate(30000, 1001)
                        .withRotation(90);
        LabelledVideo truth = SampleVideoWriter.write(spec, dir);
        ShotDetection found = detector.detect(dir.resolve(truth.file()));
        assertThat(found.info().rotation()).isEqualTo(90);
        // Displayed upright: the 640x360 picture is shown 360 wide.
        assertThat(found.info().width()).isEqualTo(360);
        assertThat(found.info().height()).isEqualTo(640);
        assertThat(found.info().fps().toString()).isEqualTo("30000/1001");
        HardCut first = found.cuts().get(0);
        assertThat(first.frame()).isEqualTo(75);
        assertThat(first.timecode()).isEqualTo("00:00:02;15");
        // 75 frames at 29.97 fps start 2502.5 ms in.
        assertThat(first.ms()).isBetween(2502L, 2503L);
    }

    @Test
    void variableFrameRateTakesTimesFromTimestamps() throws Exception {
        SampleSpec spec =
                new SampleSpec(
                        "vfr",
                        320,
                        180,
                        30,
                        1,
                        "matroska:mkv",
                        "mpeg4",
                        30,
                        0,
                        0,
                        true,
                        SampleVideos.motion().scenes());
        LabelledVideo truth = SampleVideoWriter.write(spec, dir);
        ShotDetection found = detector.detect(dir.resolve(truth.file()));
        // Frame durations alternate between half and one and a half nominal frames, so frame n
        // (n even) starts at n nominal frames: 70 frames at 30 fps is 2333 ms.
        HardCut first = found.cuts().get(0);
        assertThat(first.frame()).isEqualTo(70);
        assertThat(first.ms()).isBetween(2332L, 2334L);
        assertThat(found.info().fps().toDouble())
                .isCloseTo(30.0, org.assertj.core.data.Offset.offset(0.01));
    }

    /** Slides and screens, whose text-only changes are found on the fine grid, too. */
    static Stream<SampleSpec> segmented() {
        return Stream.of(SampleVideos.lecture().withGop(30), SampleVideos.screen().withGop(30));
    }

    @ParameterizedTest
    @MethodSource("segmented")
    void resultsAreIdenticalForAnyNumberOfSegments(SampleSpec spec) throws Exception {
        LabelledVideo truth = SampleVideoWriter.write(spec, dir);
        Path file = dir.resolve(truth.file());
        ShotDetection reference = null;
        for (int segments : new int[] {1, 2, 3, 5, 8}) {
            try (ShotDetector d =
                    FfmpegShotDetector.factory(
                                    ShotDetectionConfig.defaults().withSegments(segments))
                            .create()) {
                int planned = d.plan(file).segments().size();
                assertThat(planned).isEqualTo(segments);
                ShotDetection result = d.detect(file);
                if (reference == null) {
                    reference = result;
                } else {
                    assertThat(result).isEqualTo(reference);
                }
            }
        }
        assertThat(reference.cuts()).hasSize(truth.cuts().size());
    }

    @ParameterizedTest
    @MethodSource("segmented")
    void skippingStillFramesFindsTheSameBoundaries(SampleSpec spec) throws Exception {
        LabelledVideo v = SampleVideoWriter.write(spec, dir);
        Path file = dir.resolve(v.file());
        Properties full = new Properties();
        full.setProperty("shots.decoder.skip-still-frames", "false");
        ShotDetection skipping = detector.detect(file);
        try (ShotDetector d = FfmpegShotDetector.factory(ShotDetectionConfig.from(full)).create()) {
            ShotDetection decoded = d.detect(file);
            assertThat(skipping.info()).isEqualTo(decoded.info());
            assertThat(skipping.cuts()).isEqualTo(decoded.cuts());
            assertThat(skipping.gradual()).hasSameSizeAs(decoded.gradual());
            assertThat(skipping.shots()).hasSameSizeAs(decoded.shots());
        }
    }

    /**
     * Each split point is the keyframe nearest to its equal share of the whole video's decoding
     * work, which on slides is about its share of the frames, so segments come out about equally
     * long, the last one too: subtasks given as many segments then finish together.
     */
    @Test
    void splitPointsAreTheKeyframesNearestToEqualShares() throws Exception {
        int gop = 30;
        LabelledVideo v = SampleVideoWriter.write(SampleVideos.lecture().withGop(gop), dir);
        try (MediaInput in =
                MediaInput.open(
                        dir.resolve(v.file()), Deadline.after(Duration.ofMinutes(1)), true)) {
            for (int n = 2; n <= 5; n++) {
                var plan = SegmentPlanner.plan(in, dir.resolve(v.file()), n);
                assertThat(plan.segments()).hasSize(n);
                double framesPerTick = plan.fps().toDouble() * plan.timeBase().toDouble();
                for (int s = 1; s < n; s++) {
                    double start = plan.segments().get(s).startPts() * framesPerTick;
                    assertThat(start)
                            .as("segment %d of %d", s, n)
                            .isCloseTo(
                                    (double) v.frames() * s / n,
                                    org.assertj.core.data.Offset.offset(gop / 2.0));
                }
            }
        }
    }

    /** JavaCPP has ~10 slots per callback class; a TaskManager may run more decoders. */
    @Test
    void moreDecodersAtOnceThanCallbackSlots() throws Exception {
        LabelledVideo v = SampleVideoWriter.write(SampleVideos.portrait(), dir);
        Path file = dir.resolve(v.file());
        ShotDetectionConfig config = ShotDetectionConfig.defaults();
        List<MediaInput> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                open.add(MediaInput.open(file, Deadline.after(Duration.ofMinutes(1)), true));
            }
            var plan = SegmentPlanner.plan(open.get(0), file, 1);
            for (MediaInput in : open) {
                assertThat(SegmentDecoder.decode(in, plan, 0, config, null).frames())
                        .isEqualTo(v.frames());
            }
        } finally {
            open.forEach(MediaInput::close);
        }
    }

    @Test
    void brokenInputsAreTypedErrorsWithAReason() throws Exception {
        LabelledVideo good =
                SampleVideoWriter.write(
                        SampleVideos.portrait().withFormat("mp4", "libopenh264"), dir);
        byte[] bytes = Files.readAllBytes(dir.resolve(good.file()));

        Path empty = Files.write(dir.resolve("empty.mp4"), new byte[0]);
        Path truncated =
                Files.write(
                        dir.resolve("truncated.mp4"),
                        java.util.Arrays.copyOf(bytes, bytes.length * 2 / 5));
        byte[] noise = new byte[200_000];
        new Random(1).nextBytes(noise);
        Path random = Files.write(dir.resolve("random.mp4"), noise);
        Path text =
                Files.writeString(
                        dir.resolve("text.mp4"),
                        "this is not a video\n".repeat(100),
                        StandardCharsets.UTF_8);
        Path audio = audioOnly(dir.resolve("audio.m4a"));

        LabelledVideo mkv = SampleVideoWriter.write(SampleVideos.lecture(), dir);
        byte[] whole = Files.readAllBytes(dir.resolve(mkv.file()));
        Path cutMkv =
                Files.write(
                        dir.resolve("truncated.mkv"),
                        java.util.Arrays.copyOf(whole, whole.length / 2));

        assertFails(empty, Code.EMPTY_FILE);
        assertFails(cutMkv, Code.TRUNCATED);
        assertFails(truncated, Code.TRUNCATED);
        assertFails(random, Code.NOT_A_VIDEO);
        assertFails(text, Code.NOT_A_VIDEO);
        assertFails(audio, Code.NO_VIDEO_STREAM);
        assertFails(dir.resolve("missing.mp4"), Code.NOT_FOUND);
        assertFails(dir, Code.UNREADABLE);
        // The detector still works after all of that.
        assertThat(detector.detect(dir.resolve(good.file())).cuts()).isNotEmpty();
    }

    @Test
    void aVideoThatTakesTooLongTimesOut() throws Exception {
        LabelledVideo v = SampleVideoWriter.write(SampleVideos.motion(), dir);
        Properties p = new Properties();
        p.setProperty("shots.timeout", "PT0.001S");
        try (ShotDetector d = FfmpegShotDetector.factory(ShotDetectionConfig.from(p)).create()) {
            assertThatThrownBy(() -> d.detect(dir.resolve(v.file())))
                    .isInstanceOf(VideoException.class)
                    .satisfies(e -> assertThat(((VideoException) e).code()).isEqualTo(Code.TIMEOUT))
                    .hasMessageContaining("shots.timeout");
        }
        assertThat(Duration.parse("PT0.001S").toMillis()).isEqualTo(1);
    }

    private static void assertFails(Path file, Code code) {
        assertThatThrownBy(() -> detector.detect(file))
                .isInstanceOf(VideoException.class)
                .satisfies(e -> assertThat(((VideoException) e).code()).isEqualTo(code))
                .satisfies(
                        e ->
                                assertThat(e.getMessage())
                                        .doesNotContain("\n")
                                        .contains(file.toString()))
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }

    private static Path audioOnly(Path file) throws IOException {
        try (var recorder = new org.bytedeco.javacv.FFmpegFrameRecorder(file.toFile(), 1)) {
            recorder.setFormat("mp4");
            recorder.setAudioCodecName("aac");
            recorder.setSampleRate(44100);
            recorder.start();
            short[] tone = new short[44100];
            for (int i = 0; i < tone.length; i++) {
                tone[i] = (short) (8000 * Math.sin(i * 2 * Math.PI * 440 / 44100));
            }
            recorder.recordSamples(44100, 1, java.nio.ShortBuffer.wrap(tone));
            recorder.stop();
        }
        return file;
    }
}
