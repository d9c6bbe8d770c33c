package io.framewise.pipeline.operators;

import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeQuality;
import io.framewise.pipeline.shots.HardCut;
import io.framewise.pipeline.shots.Rational;
import io.framewise.pipeline.shots.SegmentFeatures;
import io.framewise.pipeline.shots.SegmentPlan;
import io.framewise.pipeline.shots.Shot;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.shots.ShotDetector;
import io.framewise.pipeline.shots.VideoException;
import io.framewise.pipeline.shots.VideoInfo;
import io.framewise.pipeline.text.RecognizedText;
import io.framewise.pipeline.text.TextBox;
import io.framewise.pipeline.text.TextLine;
import io.framewise.pipeline.video.VideoRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Engines with fixed answers, so that operator tests need no video. */
public final class FakeEngines {

    private FakeEngines() {}

    public static final VideoRef VIDEO = new VideoRef("talk-0001", "file:///videos/talk.mp4");

    /** The video timeout the operator tests run with (the default's, {@code job.video-timeout}). */
    public static final Duration TIMEOUT = Duration.ofHours(2);

    public static SegmentPlan plan(int segments) {
        List<SegmentPlan.Segment> list = new java.util.ArrayList<>();
        for (int i = 0; i < segments; i++) {
            list.add(new SegmentPlan.Segment(i, i * 100L, i * 100L, (i + 1) * 100L));
        }
        return new SegmentPlan(
                VIDEO.uri(),
                640,
                360,
                0,
                new Rational(25, 1),
                new Rational(1, 25),
                -1,
                -1,
                "h264",
                "mp4",
                list);
    }

    public static SegmentFeatures features(int segment, int frames) {
        return new SegmentFeatures(
                segment, new long[frames], new float[frames], 1, new byte[0][], new byte[0][]);
    }

    /** Features with one keyframe candidate, a quarter into the segment. */
    public static SegmentFeatures featuresWithCandidate(int segment, int frames) {
        long frame = segment * 100L + frames / 4;
        return new SegmentFeatures(
                segment,
                new long[frames],
                new float[frames],
                1,
                new byte[0][],
                new byte[0][],
                List.of(
                        new io.framewise.pipeline.frames.FrameCandidate(
                                frame,
                                new Rational(1, 25),
                                new KeyframeQuality(100, 120, 40, 0.8),
                                frame,
                                PICTURE)));
    }

    /** A candidate's picture: 8x8 grey, as a JPEG. */
    static final byte[] PICTURE =
            io.framewise.pipeline.frames.Jpeg.jpeg(
                    new io.framewise.pipeline.frames.Picture(8, 8, 3, new byte[8 * 8 * 3]), 90);

    /** Chooses one keyframe per shot at the first candidate in it; none without candidates. */
    public static class Extractor implements io.framewise.pipeline.frames.KeyframeExtractor {
        @Override
        public List<Keyframe> extract(
                String videoId,
                Path video,
                ShotDetection shots,
                io.framewise.pipeline.frames.KeyframeWork part)
                throws VideoException {
            return List.of();
        }

        @Override
        public java.util.Optional<List<Keyframe>> chooseFrames(
                String videoId,
                ShotDetection shots,
                List<io.framewise.pipeline.frames.FrameCandidate> candidates) {
            List<Keyframe> chosen = new java.util.ArrayList<>();
            for (Shot shot : shots.shots()) {
                candidates.stream()
                        .filter(c -> c.pts() >= shot.firstFrame() && c.pts() <= shot.lastFrame())
                        .findFirst()
                        .ifPresent(c -> chosen.add(keyframe(shot.index(), c.pts())));
            }
            return chosen.size() == shots.shots().size()
                    ? java.util.Optional.of(chosen)
                    : java.util.Optional.empty();
        }

        @Override
        public List<Keyframe> dropRepeats(List<Keyframe> keyframes) {
            return keyframes;
        }

        @Override
        public void close() {}
    }

    /** Two shots: a cut at frame 50. */
    public static ShotDetection shots(long frames) {
        VideoInfo info =
                new VideoInfo(
                        VIDEO.uri(),
                        640,
                        360,
                        0,
                        new Rational(25, 1),
                        frames,
                        frames * 40,
                        "h264",
                        "mp4");
        return new ShotDetection(
                info,
                List.of(new HardCut(50, 2000, "00:00:02:00")),
                List.of(),
                List.of(
                        new Shot(0, 0, 49, 0, 2000),
                        new Shot(1, 50, frames - 1, 2000, frames * 40)),
                java.util.stream.LongStream.range(0, frames).toArray(),
                new float[(int) frames]);
    }

    /** Stitching sums the segments' frames into {@link #shots}. */
    public static class Detector implements ShotDetector {
        @Override
        public ShotDetection detect(Path video) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SegmentPlan plan(Path video) throws VideoException {
            return FakeEngines.plan(2);
        }

        @Override
        public SegmentFeatures decode(SegmentPlan plan, int segment) throws VideoException {
            return features(segment, 100);
        }

        @Override
        public ShotDetection stitch(SegmentPlan plan, List<SegmentFeatures> segments) {
            return shots(segments.stream().mapToLong(SegmentFeatures::frames).sum());
        }

        /** How many segments each {@link #stitchSoFar} was given, in order (tests clear it). */
        static final List<Integer> STITCHED_SO_FAR =
                new java.util.concurrent.CopyOnWriteArrayList<>();

        /** The same as {@link #stitch}: the cut at frame 50 stays where it is. */
        @Override
        public java.util.Optional<ShotDetection> stitchSoFar(
                SegmentPlan plan, List<SegmentFeatures> first) {
            STITCHED_SO_FAR.add(first.size());
            return java.util.Optional.of(stitch(plan, first));
        }

        @Override
        public void close() {}
    }

    public static Keyframe keyframe(int shot, long frame) {
        return new Keyframe(
                VIDEO.videoId(),
                shot,
                frame,
                frame * 40,
                "00:00:00:00",
                frame,
                new KeyframeQuality(100, 120, 40, 0.8),
                null,
                0.0);
    }

    public static RecognizedText text(String line) {
        return text(line, 0.9f);
    }

    public static RecognizedText text(String line, float confidence) {
        return new RecognizedText(
                List.of(new TextLine(line, confidence, new TextBox(0, 0, 10, 10))), 1, 5);
    }
}
