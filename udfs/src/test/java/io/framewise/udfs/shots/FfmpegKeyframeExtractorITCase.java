package io.framewise.udfs.shots;

import static io.framewise.testkit.samples.Scene.Look.MOTION;
import static io.framewise.testkit.samples.Scene.Look.SOLID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.framewise.pipeline.frames.CandidatePictures;
import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeConfig;
import io.framewise.pipeline.frames.KeyframeExtractor;
import io.framewise.pipeline.frames.KeyframeWork;
import io.framewise.pipeline.frames.Picture;
import io.framewise.pipeline.shots.SegmentPlan;
import io.framewise.pipeline.shots.Shot;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.shots.ShotDetectionConfig;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.shots.Timecode;
import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.shots.VideoException.Code;
import io.framewise.testkit.samples.LabelledVideo;
import io.framewise.testkit.samples.SampleSpec;
import io.framewise.testkit.samples.SampleVideoWriter;
import io.framewise.testkit.samples.SampleVideos;
import io.framewise.testkit.samples.Scene;
import io.framewise.testkit.samples.TextStyle;
import io.framewise.udfs.frames.PerceptualHash;
import io.framewise.udfs.frames.Pictures;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The keyframe extractor on generated videos, after the shot detector. */
class FfmpegKeyframeExtractorITCase {

    @TempDir static Path dir;

    static final ShotDetectionConfig SHOTS = ShotDetectionConfig.defaults().withSegments(2);
    static final KeyframeConfig KEYFRAMES = KeyframeConfig.defaults();

    static ShotDetector detector;
    static KeyframeExtractor extractor;

    @BeforeAll
    static void open() {
        detector = FfmpegShotDetector.factory(SHOTS).create();
        extractor = FfmpegKeyframeExtractor.factory(KEYFRAMES, SHOTS).create();
    }

    @AfterAll
    static void close() {
        extractor.close();
        detector.close();
    }

    static SampleSpec small(SampleSpec spec) {
        return SampleSpec.of(spec.name() + "-small", 320, 180, spec.scenes());
    }

    @Test
    void lectureKeyframesAvoidTransitionsAndShowTheirShot() throws Exception {
        SampleSpec spec = small(SampleVideos.lecture());
        LabelledVideo truth = SampleVideoWriter.write(spec, dir);
        Path video = dir.resolve(truth.file());
        ShotDetection shots = detector.detect(video);
        List<Keyframe> keyframes = extractor.extract("lecture", video, shots);

        assertEveryShotHasOne(shots, keyframes);
        assertAwayFromBoundaries(truth, keyframes);
        assertTimesFollowTheDetector(shots, keyframes);
        for (Keyframe k : keyframes) {
            assertThat(k.videoId()).isEqualTo("lecture");
            assertThat(k.image().width()).isEqualTo(320); // never enlarged to max-width 640
            assertThat(k.image().height()).isEqualTo(180);
            Scene scene = spec.scenes().get(sceneAt(truth, k.frame()));
            if (scene.look() == SOLID) {
                assertBackground(k.image(), scene.color());
            }
        }
    }

    /** Skipping unreferenced frames away from candidates must not change the keyframes. */
    @Test
    void skippingUnreferencedFramesAwayFromCandidatesChangesNothing() throws Exception {
        SampleSpec spec = small(SampleVideos.motion());
        LabelledVideo truth = SampleVideoWriter.write(spec, dir);
        Path video = dir.resolve(truth.file());
        ShotDetection shots = detector.detect(video);
        List<Keyframe> skipping;
        try (KeyframeExtractor near = new FfmpegKeyframeExtractor(KEYFRAMES, SHOTS, true)) {
            skipping = near.extract("m", video, shots);
        }
        List<Keyframe> full;
        try (KeyframeExtractor all = new FfmpegKeyframeExtractor(KEYFRAMES, SHOTS, false)) {
            full = all.extract("m", video, shots);
        }
        assertThat(skipping).hasSameSizeAs(full);
        for (int i = 0; i < full.size(); i++) {
            assertThat(skipping.get(i).frame()).isEqualTo(full.get(i).frame());
            assertThat(skipping.get(i).ms()).isEqualTo(full.get(i).ms());
            assertThat(skipping.get(i).phash()).isEqualTo(full.get(i).phash());
            assertThat(skipping.get(i).image().pixels()).isEqualTo(full.get(i).image().pixels());
        }
        assertEveryShotHasOne(shots, skipping);
        assertAwayFromBoundaries(truth, skipping);
    }

    /**
     * Parts decoded on their own, each from its segment's keyframe, give the keyframes of one pass
     * over the whole video: same frames, times and pictures.
     */
    @Test
    void partsFromSegmentsGiveTheSameKeyframesAsOnePass() throws Exception {
        SampleSpec spec = small(SampleVideos.motion()).withGop(24);
        LabelledVideo truth = SampleVideoWriter.write(spec, dir);
        Path video = dir.resolve(truth.file());
        ShotDetection shots = detector.detect(video);
        SegmentPlan plan;
        try (ShotDetector four = FfmpegShotDetector.factory(SHOTS.withSegments(4)).create()) {
            plan = four.plan(video);
        }
        List<KeyframeWork> parts = KeyframeWork.split(shots, plan);
        assertThat(parts).hasSizeGreaterThan(1);
        for (FfmpegKeyframeExtractor.Decoding decoding :
                FfmpegKeyframeExtractor.Decoding.values()) {
            try (KeyframeExtractor x = new FfmpegKeyframeExtractor(KEYFRAMES, SHOTS, decoding)) {
                List<Keyframe> whole = x.extract("m", video, shots);
                List<Keyframe> joined = new ArrayList<>();
                for (KeyframeWork part : parts) {
                    joined.addAll(x.extract("m", video, shots, part));
                }
                joined = x.dropRepeats(joined);
                assertThat(joined)
                        .extracting(Keyframe::frame)
                        .isEqualTo(whole.stream().map(Keyframe::frame).toList());
                for (int i = 0; i < whole.size(); i++) {
                    assertThat(joined.get(i).ms()).isEqualTo(whole.get(i).ms());
                    assertThat(joined.get(i).image().pixels())
                            .isEqualTo(whole.get(i).image().pixels());
                }
            }
        }
    }

    /**
     * Decoding reference frames only (the default) moves candidates by a few frames, but every
     * keyframe stays in its shot, away from boundaries, and no shot loses its keyframe.
     */
    @Test
    void referenceFramesOnlyKeepsEveryShotsKeyframeInPlace() throws Exception {
        SampleSpec spec = small(SampleVideos.motion());
        LabelledVideo truth = SampleVideoWriter.write(spec, dir);
        Path video = dir.resolve(truth.file());
        ShotDetection shots = detector.detect(video);
        List<Keyframe> references = extractor.extract("m", video, shots);
        List<Keyframe> full;
        try (KeyframeExtractor all = new FfmpegKeyframeExtractor(KEYFRAMES, SHOTS, false)) {
            full = all.extract("m", video, shots);
        }
        assertEveryShotHasOne(shots, references);
        assertAwayFromBoundaries(truth, references);
        // The same shots get keyframes, each within a few frames of the full decode's choice.
        assertThat(references.stream().map(Keyframe::shot).distinct().toList())
                .isEqualTo(full.stream().map(Keyframe::shot).distinct().toList());
    }

    /** Keyframes of moving shots get more motion than keyframes of still ones. */
    @Test
    void motionAroundKeyframesTellsMovingShotsFromStillOnes() throws Exception {
        SampleSpec spec = small(SampleVideos.motion());
        LabelledVideo truth = SampleVideoWriter.write(spec, dir);
        Path video = dir.resolve(truth.file());
        ShotDetection shots = detector.detect(video);
        double leastMoving = 1;
        double mostStill = 0;
        for (Keyframe k : extractor.extract("m", video, shots)) {
            double motion = shots.motionAround(shots.shots().get(k.shot()), k.frame(), 6);
            assertThat(motion).isBetween(0.0, 1.0);
            Scene.Look look = spec.scenes().get(sceneAt(truth, k.frame())).look();
            if (look == MOTION) {
                leastMoving = Math.min(leastMoving, motion);
            } else if (look == SOLID) {
                mostStill = Math.max(mostStill, motion);
            }
        }
        assertThat(leastMoving).isGreaterThan(mostStill);
    }

    @Test
    void frameNumbersMatchAnIndependentDecode() throws Exception {
        // Moving shapes make every frame different: the keyframe's picture must be the one an
        // independent frame-by-frame decode (JavaCV's grabber) gives at its number, not a
        // neighbour's.
        SampleSpec spec = small(SampleVideos.motion());
        LabelledVideo truth = SampleVideoWriter.write(spec, dir);
        Path video = dir.resolve(truth.file());
        ShotDetection shots = detector.detect(video);
        List<Keyframe> keyframes = extractor.extract("m", video, shots);
        assertAreTheirFrames(spec, truth, video, keyframes, 3.0);
    }

    @Test
    void repeatedShotKeepsItsOnlyKeyframe() throws Exception {
        Scene same = Scene.cut(SOLID, 0x2050A0, 60, "Agenda", "Same slide");
        SampleSpec spec =
                SampleSpec.of(
                        "repeat",
                        320,
                        180,
                        List.of(same, Scene.cut(SOLID, 0xE0C020, 60, "Other slide"), same));
        LabelledVideo truth = SampleVideoWriter.write(spec, dir);
        Path video = dir.resolve(truth.file());
        ShotDetection shots = detector.detect(video);
        assertThat(shots.shots()).hasSize(3);
        List<Keyframe> keyframes = extractor.extract("r", video, shots);
        assertEveryShotHasOne(shots, keyframes);
        assertThat(keyframes).hasSize(3);
        assertThat(PerceptualHash.distance(keyframes.get(0).phash(), keyframes.get(2).phash()))
                .isLessThanOrEqualTo(KEYFRAMES.duplicateDistance());
        assertThat(PerceptualHash.distance(keyframes.get(0).phash(), keyframes.get(1).phash()))
                .isGreaterThan(KEYFRAMES.duplicateDistance());
    }

    @Test
    void longStillShotGetsOneAndLongMovingShotMore() throws Exception {
        SampleSpec spec =
                SampleSpec.of(
                        "long",
                        320,
                        180,
                        List.of(
                                Scene.cut(SOLID, 0x303860, 750, "A slide left up", "for 25 s"),
                                Scene.cut(MOTION, 0x204020, 750)));
        LabelledVideo truth = SampleVideoWriter.write(spec, dir);
        Path video = dir.resolve(truth.file());
        ShotDetection shots = detector.detect(video);
        assertThat(shots.shots()).hasSize(2);
        KeyframeConfig narrow = new KeyframeConfig(160, 6, 10, 5, 85);
        List<Keyframe> keyframes;
        try (KeyframeExtractor x = FfmpegKeyframeExtractor.factory(narrow, SHOTS).create()) {
            keyframes = x.extract("long", video, shots);
        }
        Map<Integer, Long> perShot =
                keyframes.stream()
                        .collect(Collectors.groupingBy(Keyframe::shot, Collectors.counting()));
        assertThat(perShot.get(0)).isEqualTo(1L);
        assertThat(perShot.get(1)).isBetween(2L, (long) narrow.maxPerShot());
        for (Keyframe k : keyframes) {
            assertThat(k.image().width()).isEqualTo(160);
            assertThat(k.image().height()).isEqualTo(90);
        }
        assertAwayFromBoundaries(truth, keyframes);
    }

    /**
     * Keyframes chosen from the candidates the detector measured while decoding {@code segments}
     * segments: the single pass the job runs.
     */
    private static List<Keyframe> onePass(Path video, int segments, KeyframeConfig keyframes)
            throws Exception {
        try (FfmpegShotDetector capturing =
                        new FfmpegShotDetector(SHOTS.withSegments(segments), keyframes);
                KeyframeExtractor x = FfmpegKeyframeExtractor.factory(keyframes, SHOTS).create()) {
            var plan = capturing.plan(video);
            List<io.framewise.pipeline.shots.SegmentFeatures> decoded = new ArrayList<>();
            List<io.framewise.pipeline.frames.FrameCandidate> candidates = new ArrayList<>();
            for (int i = 0; i < plan.segments().size(); i++) {
                decoded.add(capturing.decode(plan, i));
                candidates.addAll(decoded.get(i).candidates());
            }
            ShotDetection shots = capturing.stitch(plan, decoded);
            assertThat(shots).isEqualTo(detector.detect(video));
            return CandidatePictures.attach(
                    x.chooseFrames("one", shots, candidates).orElseThrow(), shots, candidates);
        }
    }

    static Stream<SampleSpec> onePassSamples() {
        return Stream.of(
                small(SampleVideos.lecture()),
                small(SampleVideos.motion()),
                SampleVideos.screen(),
                SampleVideos.portrait().withFormat("mp4", "libopenh264"));
    }

    @ParameterizedTest
    @MethodSource("onePassSamples")
    void onePassKeyframesAvoidBoundariesAndShowTheirShot(SampleSpec spec) throws Exception {
        LabelledVideo truth = SampleVideoWriter.write(spec, dir);
        Path video = dir.resolve(truth.file());
        ShotDetection shots = detector.detect(video);
        for (int segments : new int[] {1, 3}) {
            List<Keyframe> keyframes = onePass(video, segments, KEYFRAMES);
            assertEveryShotHasOne(shots, keyframes);
            assertAwayFromBoundaries(truth, keyframes);
            for (Keyframe k : keyframes) {
                Shot shot = shots.shots().get(k.shot());
                assertThat(k.ms()).isBetween(shot.startMs(), shot.endMs() - 1);
                assertThat(k.timecode()).isEqualTo(Timecode.of(k.frame(), shots.info().fps()));
                assertThat(k.image().width()).isEqualTo(Math.min(640, truth.width()));
                Scene scene = spec.scenes().get(sceneAt(truth, k.frame()));
                if (scene.look() == SOLID) {
                    assertBackground(k.image(), scene.color());
                }
            }
        }
    }

    @Test
    void onePassPicturesAreTheDecodedFrames() throws Exception {
        // As frameNumbersMatchAnIndependentDecode, for pictures taken while detecting shots (no
        // deblocking, JPEG on the way): the frame at the keyframe's number, not a neighbour.
        SampleSpec spec = small(SampleVideos.motion());
        LabelledVideo truth = SampleVideoWriter.write(spec, dir);
        Path video = dir.resolve(truth.file());
        List<Keyframe> keyframes = onePass(video, 2, KEYFRAMES);
        assertAreTheirFrames(spec, truth, video, keyframes, 4.0);
    }

    /**
     * Each keyframe of a moving shot is, within {@code tolerance} levels, the frame an independent
     * frame-by-frame decode (JavaCV's grabber) gives at its number, and closer to it than to either
     * neighbour.
     */
    private static void assertAreTheirFrames(
            SampleSpec spec,
            LabelledVideo truth,
            Path video,
            List<Keyframe> keyframes,
            double tolerance)
            throws Exception {
        List<Picture> decoded = grabAll(video);
        assertThat(decoded).hasSize(truth.frames());
        int checked = 0;
        for (Keyframe k : keyframes) {
            if (spec.scenes().get(sceneAt(truth, k.frame())).look() != MOTION) {
                continue;
            }
            int f = (int) k.frame();
            double here = difference(k.image(), decoded.get(f));
            assertThat(here).isLessThan(tolerance);
            assertThat(here).isLessThan(difference(k.image(), decoded.get(f - 1)));
            assertThat(here).isLessThan(difference(k.image(), decoded.get(f + 1)));
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(3);
    }

    @Test
    void onePassTakesAFrameOfEveryCaptionAndNoneMoreAfterAFlash() throws Exception {
        // A still shot of 6 s allowed one keyframe: three captions of 2 s each over one picture,
        // and a flash while the third shows; then another shot.
        SampleSpec spec =
                SampleSpec.of(
                        "captions",
                        640,
                        360,
                        List.of(
                                Scene.cut(
                                                SOLID,
                                                0x204060,
                                                180,
                                                "Welcome back to the channel",
                                                "today we index a lecture",
                                                "in less time than it takes")
                                        .withText(
                                                TextStyle.of(TextStyle.Typeface.SANS_BOLD, 24)
                                                        .moving(TextStyle.Motion.CAPTIONS, 60))
                                        .withFlashes(150),
                                Scene.cut(SOLID, 0x603020, 60, "the end")));
        LabelledVideo truth = SampleVideoWriter.write(spec, dir);
        Path video = dir.resolve(truth.file());
        assertThat(detector.detect(video).shots()).hasSize(2);
        for (int segments : new int[] {1, 3}) {
            List<Keyframe> first =
                    onePass(video, segments, KEYFRAMES).stream()
                            .filter(k -> k.shot() == 0)
                            .toList();
            for (int caption = 0; caption < 3; caption++) {
                long from = 60L * caption;
                assertThat(first)
                        .as("caption %d with %d segments", caption, segments)
                        .filteredOn(k -> k.frame() >= from && k.frame() < from + 60)
                        .hasSize(1);
            }
            assertThat(first).hasSize(3);
        }
    }

    @Test
    void onePassLongStillShotGetsOneAndLongMovingShotMore() throws Exception {
        SampleSpec spec =
                SampleSpec.of(
                        "long-one-pass",
                        320,
                        180,
                        List.of(
                                Scene.cut(SOLID, 0x303860, 750, "A slide left up", "for 25 s"),
                                Scene.cut(MOTION, 0x204020, 750)));
        LabelledVideo truth = SampleVideoWriter.write(spec, dir);
        KeyframeConfig narrow = new KeyframeConfig(160, 6, 10, 5, 85);
        List<Keyframe> keyframes = onePass(dir.resolve(truth.file()), 2, narrow);
        Map<Integer, Long> perShot =
                keyframes.stream()
                        .collect(Collectors.groupingBy(Keyframe::shot, Collectors.counting()));
        assertThat(perShot.get(0)).isEqualTo(1L);
        assertThat(perShot.get(1)).isBetween(2L, (long) narrow.maxPerShot());
        assertAwayFromBoundaries(truth, keyframes);
    }

    @Test
    void brokenInputIsAVideoException() {
        ShotDetection any =
                new ShotDetection(
                        new io.framewise.pipeline.shots.VideoInfo(
                                "x",
                                2,
                                2,
                                0,
                                new io.framewise.pipeline.shots.Rational(25, 1),
                                1,
                                40,
                                "c",
                                "c"),
                        List.of(),
                        List.of(),
                        List.of(new Shot(0, 0, 0, 0, 40)),
                        new long[] {0},
                        new float[1]);
        assertThatThrownBy(() -> extractor.extract("x", dir.resolve("missing.mp4"), any))
                .isInstanceOf(VideoException.class)
                .extracting(e -> ((VideoException) e).code())
                .isEqualTo(Code.NOT_FOUND);
    }

    private static void assertEveryShotHasOne(ShotDetection shots, List<Keyframe> keyframes) {
        for (Shot shot : shots.shots()) {
            assertThat(keyframes).anyMatch(k -> k.shot() == shot.index());
        }
        for (Keyframe k : keyframes) {
            Shot shot = shots.shots().get(k.shot());
            assertThat(k.frame()).isBetween(shot.firstFrame(), shot.lastFrame());
        }
        for (int i = 1; i < keyframes.size(); i++) {
            assertThat(keyframes.get(i).frame()).isGreaterThan(keyframes.get(i - 1).frame());
        }
    }

    /** Not inside a labelled transition, and not within 2 frames of a labelled cut. */
    private static void assertAwayFromBoundaries(LabelledVideo truth, List<Keyframe> keyframes) {
        for (Keyframe k : keyframes) {
            for (int[] g : truth.gradual()) {
                assertThat(k.frame() < g[0] || k.frame() > g[1])
                        .as("keyframe %d inside transition %d-%d", k.frame(), g[0], g[1])
                        .isTrue();
            }
            for (int cut : truth.cuts()) {
                // The new shot's first two frames and the old shot's last two.
                assertThat(k.frame() < cut - 2 || k.frame() > cut + 1)
                        .as("keyframe %d near cut %d", k.frame(), cut)
                        .isTrue();
            }
        }
    }

    private static void assertTimesFollowTheDetector(ShotDetection shots, List<Keyframe> kfs) {
        for (Keyframe k : kfs) {
            Shot shot = shots.shots().get(k.shot());
            assertThat(k.ms()).isBetween(shot.startMs(), shot.endMs() - 1);
            // 30 fps with the first frame at 0.
            assertThat(k.ms()).isBetween(k.frame() * 1000 / 30 - 1, k.frame() * 1000 / 30 + 1);
            assertThat(k.timecode()).isEqualTo(Timecode.of(k.frame(), shots.info().fps()));
        }
    }

    private static int sceneAt(LabelledVideo truth, long frame) {
        int k = 0;
        while (k + 1 < truth.shots().size() && truth.shots().get(k + 1).firstFrame() <= frame) {
            k++;
        }
        return k;
    }

    /** The centre-left area (left of where text starts) has the scene's background colour. */
    private static void assertBackground(Picture image, int rgb) {
        int w = image.width();
        int h = image.height();
        long[] sum = new long[3];
        int n = 0;
        for (int y = h * 2 / 5; y < h * 3 / 5; y++) {
            for (int x = w / 80; x < w / 16; x++) {
                for (int c = 0; c < 3; c++) {
                    sum[c] += image.pixels()[(y * w + x) * 3 + c] & 0xFF;
                }
                n++;
            }
        }
        int[] expected = {rgb & 0xFF, (rgb >> 8) & 0xFF, (rgb >> 16) & 0xFF}; // B, G, R
        for (int c = 0; c < 3; c++) {
            assertThat((double) sum[c] / n)
                    .isCloseTo(expected[c], org.assertj.core.data.Offset.offset(12.0));
        }
    }

    private static List<Picture> grabAll(Path video) throws Exception {
        List<Picture> out = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                BufferedImage image = converter.convert(frame);
                BufferedImage bgr =
                        new BufferedImage(
                                image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
                bgr.getGraphics().drawImage(image, 0, 0, null);
                byte[] pixels = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
                out.add(new Picture(bgr.getWidth(), bgr.getHeight(), 3, pixels.clone()));
            }
            grabber.stop();
        }
        return out;
    }

    /** Mean absolute difference per byte, after reducing {@code b} to {@code a}'s size. */
    private static double difference(Picture a, Picture b) {
        Picture r = Pictures.resizeArea(b, a.width(), a.height());
        long sum = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            sum += Math.abs((a.pixels()[i] & 0xFF) - (r.pixels()[i] & 0xFF));
        }
        return (double) sum / a.pixels().length;
    }
}
