package io.framewise.pipeline.stages;

import io.framewise.pipeline.frames.CandidatePictures;
import io.framewise.pipeline.frames.FrameCandidate;
import io.framewise.pipeline.frames.Keyframe;
import io.framewise.pipeline.frames.KeyframeExtractor;
import io.framewise.pipeline.messages.Messages.SegmentDone;
import io.framewise.pipeline.shots.SegmentFeatures;
import io.framewise.pipeline.shots.Shot;
import io.framewise.pipeline.shots.ShotDetection;
import io.framewise.pipeline.shots.ShotDetector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Step 3 ahead of a video's end: the keyframes of the shots that its first segments already settle,
 * chosen while its later segments still decode, so that reading them (text, scores, the stored
 * picture) runs beside the decoding instead of after it.
 *
 * <p>A shot is settled when it ends at least {@link #MARGIN_SECONDS} before the last frame of the
 * first segments. With the default settings the boundary rules look a few frames ahead (the
 * adaptive window, flashes, a content cut's still frames, the shortest shot), a gradual transition
 * as far as it runs (a dissolve or fade: about a second or two) and 16 frames past it (the long-lag
 * plateau); a shot's keyframes depend on its own candidates and on earlier shots' keyframes only
 * (repeats). So the settled shots' keyframes are the whole video's, unless a transition runs longer
 * than the margin. Should a later segment still move a boundary, the final stitch decides ({@link
 * Stitching#stitchAfter}): a keyframe sent here whose frame it does not choose is dropped at
 * assembly, and those it keeps take its numbers.
 */
public final class SettledKeyframes {

    /** How long before the end of the first segments a shot must end to be settled. */
    public static final double MARGIN_SECONDS = 10;

    /**
     * Once the run of first segments is long, it must grow by this share of itself before the
     * settled shots are chosen again.
     */
    static final int GROWTH_SHARE = 8;

    private SettledKeyframes() {}

    /**
     * The keyframes, with their pictures and in frame order, of the shots that {@code first}
     * settle, less those of frames in {@code sent}; empty when the detector or the extractor cannot
     * tell before the whole video is in.
     *
     * @param first segments 0 to k of one video, not all of them, in any order, none failed
     */
    public static List<Keyframe> choose(
            List<SegmentDone> first,
            Set<Long> sent,
            ShotDetector detector,
            KeyframeExtractor extractor) {
        List<SegmentDone> ordered = new ArrayList<>(first);
        ordered.sort(Comparator.comparingInt(SegmentDone::segment));
        List<SegmentFeatures> features = ordered.stream().map(SegmentDone::features).toList();
        List<FrameCandidate> candidates = new ArrayList<>();
        features.forEach(f -> candidates.addAll(f.candidates()));
        if (candidates.isEmpty()) {
            return List.of();
        }
        SegmentDone any = ordered.get(0);
        Optional<ShotDetection> found = detector.stitchSoFar(any.plan(), features);
        if (found.isEmpty()) {
            return List.of();
        }
        ShotDetection shots = found.get();
        int lastSettled = lastSettled(shots);
        if (lastSettled < 0) {
            return List.of();
        }
        Optional<List<Keyframe>> chosen =
                extractor.chooseFrames(any.video().videoId(), shots, candidates);
        if (chosen.isEmpty()) {
            return List.of();
        }
        List<Keyframe> fresh =
                chosen.get().stream()
                        .filter(k -> k.shot() <= lastSettled && !sent.contains(k.frame()))
                        .toList();
        return CandidatePictures.attach(fresh, shots, candidates);
    }

    /**
     * Whether to choose again now that the run of segments in from the first is {@code run} long,
     * having last chosen at {@code settled}: at every new segment while the run is short (up to
     * twice {@link #GROWTH_SHARE} segments), then once it has grown by a {@link #GROWTH_SHARE}th.
     * Each choice stitches the whole run again, so choosing at every segment stitches n²/2 segments
     * in all for n: 7,260 for a two-hour video in minute segments, 1,066 at this cadence (34
     * choices; a ten-hour video, 180,300 against 5,322). What then waits for the end is at most
     * about an eighth of a long video's keyframes: the final stitch sends what was not sent.
     */
    public static boolean due(int settled, int run) {
        return run > settled && run - settled >= Math.max(1, settled / GROWTH_SHARE);
    }

    /** The index of the last shot that ends {@link #MARGIN_SECONDS} before the frames do, or -1. */
    static int lastSettled(ShotDetection shots) {
        double fps = shots.info().fps().toDouble();
        long margin = (long) Math.ceil(MARGIN_SECONDS * (fps > 0 ? fps : 25));
        long before = shots.info().frames() - margin;
        List<Shot> all = shots.shots();
        // The last shot runs to the end of the frames so far: it is never settled.
        for (int i = all.size() - 2; i >= 0; i--) {
            if (all.get(i).lastFrame() < before) {
                return i;
            }
        }
        return -1;
    }
}
