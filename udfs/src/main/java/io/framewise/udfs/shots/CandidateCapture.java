package io.framewise.udfs.shots;

import io.framewise.pipeline.frames.FrameCandidate;
import io.framewise.pipeline.frames.KeyframeConfig;
import io.framewise.pipeline.frames.KeyframeQuality;
import io.framewise.pipeline.frames.Picture;
import io.framewise.pipeline.shots.Rational;
import io.framewise.pipeline.shots.ShotDetectionConfig;
import io.framewise.udfs.frames.FrameQuality;
import io.framewise.udfs.frames.NativeJpeg;
import io.framewise.udfs.frames.PerceptualHash;
import io.framewise.udfs.frames.Pictures;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Measures keyframe candidates while a segment is decoded for shot detection, so that keyframes
 * need no second decoding pass.
 *
 * <p>The shots are not known yet, so the video is cut into <b>stretches</b>: one per {@link
 * #INTERVAL_SECONDS} of presentation time (the same stretches whatever the segments, as they follow
 * the timestamps), cut again wherever a frame may start a new shot ({@link #possibleCut}: every
 * frame the boundary rules can make a cut, and some more). Each stretch yields its best frame: a
 * cheap score from the signature's fine luma grid (the keyframe score's formula on 10 px cells)
 * picks which frames to measure, the frame is converted to BGR at the keyframe size straight from
 * the decoded planes and measured as the separate extractor measures (quality, pHash). Frames
 * within {@link #SETTLE} frames after a possible cut are not taken (they may be mid-cut), and a
 * frame is only confirmed when the {@link #SETTLE} frames after it start no new stretch.
 *
 * <p>Consecutive stretches with no possible cut between them whose best frames are near-duplicates
 * (pHash within {@code keyframes.duplicate-distance}) keep only the better: a still shot yields one
 * candidate, not one a second. At most two pictures are held at a time; a candidate leaves as a
 * JPEG at quality {@link #JPEG_QUALITY}. Not thread-safe.
 */
final class CandidateCapture implements AutoCloseable {

    /** Length of a stretch: about one candidate a second, as the separate extractor plans. */
    static final double INTERVAL_SECONDS = 1.0;

    /** Frames after a possible cut that are not taken, and that confirm a frame before them. */
    static final int SETTLE = 2;

    /** Candidates travel as JPEG at this quality: text stays as sharp as on the decoded frame. */
    static final int JPEG_QUALITY = 95;

    /** A measured frame is re-measured only when the cheap score beats the best by this share. */
    private static final double MARGIN = 0.02;

    private final KeyframeConfig config;
    private final double minCut;
    private final double adaptiveRatio;
    private final int adaptiveWindow;
    private final double minLost;
    private final Rational timeBase;
    private final int rotation;
    private final BgrScaler scaler;
    private final NativeJpeg jpeg = new NativeJpeg();
    private final List<FrameCandidate> out = new ArrayList<>();

    private long stretch = Long.MIN_VALUE;
    private int sinceCut;
    private boolean cutSincePending;
    private Measured best;
    private Measured tentative;
    private int tentativeAge;
    private double bestCheap = -1;
    private Measured pending;

    /**
     * A measured frame with its picture. Its pHash is taken when first asked for: only the frame a
     * stretch keeps needs one, and most measured frames are overtaken before that.
     */
    private static final class Measured {
        private final long pts;
        private final KeyframeQuality quality;
        private final Picture picture;
        private final Picture reduced;
        private final float change;
        private long phash;
        private boolean hashed;

        /** Whether a possible cut lies between the candidate kept before this one and it. */
        private boolean afterChange;

        Measured(long pts, Picture picture, float change) {
            this.pts = pts;
            this.picture = picture;
            this.reduced = FrameQuality.reduced(picture);
            this.quality = FrameQuality.measure(reduced);
            this.change = change;
        }

        long pts() {
            return pts;
        }

        KeyframeQuality quality() {
            return quality;
        }

        Picture picture() {
            return picture;
        }

        float change() {
            return change;
        }

        long phash() {
            if (!hashed) {
                phash = PerceptualHash.of(reduced);
                hashed = true;
            }
            return phash;
        }
    }

    CandidateCapture(MediaInput in, KeyframeConfig config, ShotDetectionConfig shots) {
        this.config = config;
        this.minCut = shots.minCutDistance();
        this.adaptiveRatio = shots.adaptiveRatio();
        this.adaptiveWindow = shots.adaptiveWindow();
        this.minLost = shots.contentMinLost();
        this.timeBase = SegmentPlanner.rational(in.stream().time_base(), new Rational(1, 90_000));
        int[] size = FfmpegKeyframeExtractor.outputSize(in, config.maxWidth());
        this.rotation = size[2];
        this.scaler = new BgrScaler(size[0], size[1]);
    }

    /**
     * Offers the frame shown at {@code pts} with its signature and features (at {@code
     * features[at..]}); {@code frame} is null for a frame the decoder skipped (its signature
     * interpolated), which is never taken.
     */
    void offer(long pts, AVFrame frame, byte[] sig, float[] features, int at) {
        // The frames after the tentative one came without a possible cut: it may be taken.
        confirm();
        long window = (long) Math.floor(pts * timeBase.toDouble() / INTERVAL_SECONDS);
        if (possibleCut(features, at)) {
            endStretch(false);
            cutSincePending = true;
            sinceCut = 0;
            stretch = window;
        } else if (window != stretch) {
            endStretch(true);
            stretch = window;
        }
        sinceCut++;
        if (frame == null || sinceCut <= SETTLE) {
            return;
        }
        double cheap = cheapScore(sig);
        if (cheap > bestCheap * (1 + MARGIN)) {
            Picture picture = Pictures.rotate(scaler.convert(frame), rotation);
            Measured m = new Measured(pts, picture, features[at + Features.lag(1)]);
            bestCheap = cheap;
            if (tentative == null || m.quality().score() > tentative.quality().score()) {
                tentative = m;
                tentativeAge = 0;
            }
        }
    }

    /**
     * True when the frame at {@code features[at..]} may start a shot: the boundary rules' first
     * halves, with only the frames before it known. A hard cut's distance is at least {@code
     * shots.cut.min-distance} and {@code adaptive-ratio} times the mean of the frames on both
     * sides, so at least half that ratio times the mean of those before; a content cut loses {@code
     * shots.content.min-lost} while the frames before it lose little. Steady motion, whose every
     * frame moves as much as the one before, starts none.
     */
    private boolean possibleCut(float[] features, int at) {
        float d = features[at + Features.lag(1)];
        float lost = features[at + Features.CONTENT_LOST];
        double distances = 0;
        double steadiest = 0;
        int before = 0;
        for (int j = 1; j <= adaptiveWindow && at - j * Features.COUNT >= 0; j++) {
            int earlier = at - j * Features.COUNT;
            distances += features[earlier + Features.lag(1)];
            steadiest = Math.max(steadiest, features[earlier + Features.CONTENT_LOST]);
            before++;
        }
        double mean = before == 0 ? 0 : distances / before;
        return d >= minCut && d >= adaptiveRatio / 2 * mean
                || lost >= minLost && steadiest < minLost * BoundaryDetector.STEADY_SHARE;
    }

    /**
     * A tentative frame followed by {@link #SETTLE} frames of the same stretch becomes the best.
     */
    private void confirm() {
        if (tentative != null && ++tentativeAge > SETTLE) {
            if (best == null || tentative.quality().score() > best.quality().score()) {
                best = tentative;
            }
            tentative = null;
        }
    }

    /**
     * Ends the current stretch. At a possible cut the frames just before it are dropped unless they
     * are all the stretch has; at a window's end they are kept.
     */
    private void endStretch(boolean keepTentative) {
        Measured chosen = best;
        if (tentative != null
                && (chosen == null
                        || keepTentative
                                && tentative.quality().score() > chosen.quality().score())) {
            chosen = tentative;
        }
        best = null;
        tentative = null;
        bestCheap = -1;
        if (chosen != null) {
            keep(chosen);
        }
    }

    /**
     * Keeps {@code m}, or the better of it and the one before when they are near-duplicates with no
     * possible cut between them (the better one then starts where the one before started).
     */
    private void keep(Measured m) {
        if (pending != null
                && !cutSincePending
                && PerceptualHash.distance(pending.phash(), m.phash())
                        <= config.duplicateDistance()) {
            boolean afterChange = pending.afterChange;
            pending = better(pending, m);
            pending.afterChange = afterChange;
            return;
        }
        // A segment's first candidate cannot know what the segment before showed: it may differ.
        m.afterChange = pending == null || cutSincePending;
        flushPending();
        pending = m;
        cutSincePending = false;
    }

    /**
     * Of two near-duplicates, the still one (changing less than half of {@code
     * shots.cut.min-distance} from the frame before) when only one is: the end of a dissolve looks
     * like the shot it leads into and may even score better, but it is still changing. Otherwise
     * the better scoring.
     */
    private Measured better(Measured a, Measured b) {
        boolean stillA = a.change() < SegmentDecoder.STILL_SHARE * minCut;
        boolean stillB = b.change() < SegmentDecoder.STILL_SHARE * minCut;
        if (stillA != stillB) {
            return stillA ? a : b;
        }
        return b.quality().score() > a.quality().score() ? b : a;
    }

    private void flushPending() {
        if (pending != null) {
            out.add(
                    new FrameCandidate(
                            pending.pts(),
                            timeBase,
                            pending.quality(),
                            pending.phash(),
                            jpeg.encode(pending.picture(), JPEG_QUALITY),
                            pending.afterChange));
            pending = null;
        }
    }

    /** The candidates of the segment, in presentation order, once its last frame was offered. */
    List<FrameCandidate> finish() {
        endStretch(true);
        flushPending();
        return List.copyOf(out);
    }

    /**
     * The keyframe score ({@link FrameQuality}) of the fine luma grid: enough to rank the frames of
     * one stretch, which all show the same content at about the same size.
     */
    static double cheapScore(byte[] sig) {
        int w = Signature.FINE * Signature.gridWidth(sig);
        int h = Signature.FINE * Signature.gridHeight(sig);
        int from = Signature.fineOffset(sig);
        Picture grid = new Picture(w, h, 1, java.util.Arrays.copyOfRange(sig, from, from + w * h));
        return FrameQuality.measure(grid).score();
    }

    @Override
    public void close() {
        scaler.close();
    }
}
