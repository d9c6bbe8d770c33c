package io.framewise.udfs.shots;

import io.framewise.pipeline.shots.GradualTransition;
import io.framewise.pipeline.shots.GradualTransition.Kind;
import io.framewise.pipeline.shots.ShotDetectionConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds shot boundaries in a video's {@link FeatureSeries}.
 *
 * <p><b>Hard cuts</b> (adaptive, as PySceneDetect's AdaptiveDetector): frame {@code t} starts a new
 * shot when its distance to frame {@code t-1} is at least {@code shots.cut.min-distance} and at
 * least {@code shots.cut.adaptive-ratio} times the mean distance of its neighbours, so the
 * threshold follows the content: steady motion raises it, a still picture lowers it. A change that
 * undoes itself within {@code shots.flash.frames} frames (the picture before it comes back, or the
 * picture after it was there just before) is a flash or a glitch, not a cut.
 *
 * <p><b>Content cuts</b>: a slide or terminal whose text is replaced on the same background barely
 * moves the coarse distance, so frame {@code t} also starts a new shot when it loses at least
 * {@code shots.content.min-lost} of the structure of the frame before ({@link ContentChange}, after
 * the best vertical shift; over frames {@code t-1} and {@code t} together, as encoders may spread
 * the change over two frames), spread over at least {@code shots.content.min-extent} of the height
 * and not only in the bottom {@code shots.content.caption-band}, while the frames around it hold
 * still (each loses under a quarter of that share) and the change does not revert (a flash). Typing
 * and appended lines lose nothing, scrolling loses nothing once shifted back, a subtitle line or a
 * clock is too small or in the caption band, and motion loses structure on every frame, not on one.
 *
 * <p><b>Gradual transitions</b> (twin comparison, Zhang et al. 1993): a run of frames whose
 * distances stay above {@code shots.gradual.ratio} times the median of the second before, which
 * changes the picture end to end by at least {@code shots.gradual.min-change}. A dissolve moves
 * straight from one picture to the other, so its end-to-end change is close to the sum of its
 * steps; motion wanders and is rejected by {@code shots.gradual.straightness}. A run that passes
 * through black is a fade whatever its path.
 *
 * <p><b>Gradual transitions out of motion</b>: where the shots move, a dissolve's per-frame steps
 * drown in the motion, but the distance across {@link #LONG_LAG} frames still jumps: it rises
 * through the transition to a plateau (new picture against old) and falls {@code LONG_LAG} frames
 * after the transition began. A rise to {@code shots.gradual.ratio} squared times its baseline, far
 * from any cut, is taken as a transition, located from the plateau's two edges.
 */
final class BoundaryDetector {

    /** Frames of history the gradual baseline is the median of (about a second). */
    static final int BASELINE_FRAMES = 30;

    /** Black frames a fade may hold in its middle without ending the run. */
    static final int MAX_BLACK_FRAMES = 12;

    /** Hard cuts (first frames of new shots) and gradual transitions, both in frame order. */
    record Boundaries(List<Integer> cuts, List<GradualTransition> gradual) {}

    private final FeatureSeries series;
    private final ShotDetectionConfig config;
    private final float[] score;
    private final List<Integer> transients = new ArrayList<>();

    private BoundaryDetector(FeatureSeries series, ShotDetectionConfig config) {
        this.series = series;
        this.config = config;
        this.score = new float[series.frames];
        for (int t = 1; t < series.frames; t++) {
            float d = series.distance(t, 1);
            score[t] = Float.isNaN(d) ? 0 : d;
        }
    }

    static Boundaries detect(FeatureSeries series, ShotDetectionConfig config) {
        BoundaryDetector detector = new BoundaryDetector(series, config);
        List<Integer> hard = detector.hardCuts();
        List<GradualTransition> gradual = detector.gradual(hard);
        gradual.addAll(detector.longLagGradual(hard, gradual));
        gradual = withoutOverlaps(detector.apartFromCuts(gradual, hard));
        return new Boundaries(detector.withContentCuts(hard, gradual), gradual);
    }

    private List<Integer> hardCuts() {
        int n = series.frames;
        int w = config.adaptiveWindow();
        List<Integer> cuts = new ArrayList<>();
        for (int t = 1; t < n; t++) {
            float d = score[t];
            boolean keyframe = series.get(t, Features.KEYFRAME) > 0;
            if (d < config.minCutDistance() * (keyframe ? config.keyframeFactor() : 1)) {
                continue;
            }
            double sum = 0;
            int count = 0;
            for (int j = Math.max(1, t - w); j <= Math.min(n - 1, t + w); j++) {
                if (j != t) {
                    sum += score[j];
                    count++;
                }
            }
            if (count > 0 && d < config.adaptiveRatio() * (sum / count)) {
                continue;
            }
            if (isTransient(t, d)) {
                transients.add(t);
                continue;
            }
            int last = cuts.isEmpty() ? -1 : cuts.get(cuts.size() - 1);
            if (last >= 0 && t - last < config.minShotFrames()) {
                if (d > score[last]) {
                    cuts.set(cuts.size() - 1, t);
                }
            } else {
                cuts.add(t);
            }
        }
        return cuts;
    }

    /**
     * Share of {@code shots.content.min-lost} that the frames around a content cut may lose each:
     * still content loses nothing from frame to frame (0.00 measured on screen recordings), steady
     * motion about a fifth of its structure, a dissolve a fifth per frame.
     */
    static final double STEADY_SHARE = 0.25;

    /**
     * Adds the content cuts (see the class comment) to {@code cuts}, in frame order, except where a
     * cut already lies within {@code shots.min-shot-frames} or a gradual transition is under way.
     */
    private List<Integer> withContentCuts(List<Integer> cuts, List<GradualTransition> gradual) {
        int n = series.frames;
        int w = config.adaptiveWindow();
        double steady = config.contentMinLost() * STEADY_SHARE;
        boolean[] inTransition = new boolean[n];
        for (GradualTransition g : gradual) {
            int m = config.minShotFrames();
            block(inTransition, (int) g.firstFrame() - m, (int) g.lastFrame() + m);
        }
        List<Integer> merged = new ArrayList<>(cuts);
        for (int t = 2; t < n; t++) {
            // Frames t-1 and t together (an encoder may spread the change over two frames).
            if (series.get(t, Features.CONTENT_LOST2) < config.contentMinLost()
                    || series.get(t, Features.CONTENT_EXTENT2) < config.contentMinExtent()
                    || series.get(t, Features.CONTENT_TOP2) >= 1 - config.contentCaptionBand()) {
                continue;
            }
            boolean still = true;
            for (int j = Math.max(1, t - 1 - w); j <= Math.min(n - 1, t + w); j++) {
                still &= j == t || j == t - 1 || series.get(j, Features.CONTENT_LOST) < steady;
            }
            // The cut is on the frame that changed most.
            int cut =
                    series.get(t - 1, Features.CONTENT_LOST) > series.get(t, Features.CONTENT_LOST)
                            ? t - 1
                            : t;
            if (!still
                    || inTransition[cut]
                    || isTransient(cut, score[cut])
                    || nearAny(merged, cut)) {
                continue;
            }
            merged.add(cut);
        }
        merged.sort(null);
        return merged;
    }

    private boolean nearAny(List<Integer> cuts, int t) {
        for (int c : cuts) {
            if (Math.abs(c - t) < config.minShotFrames()) {
                return true;
            }
        }
        return false;
    }

    /** True when the change at {@code t} reverts within a few frames (a flash, a glitch). */
    private boolean isTransient(int t, float change) {
        double similar = config.flashSimilarity() * change;
        for (int j = 1; j <= config.flashFrames(); j++) {
            // The picture before the change comes back j frames later ...
            if (t + j < series.frames && series.distance(t + j, j + 1) <= similar) {
                return true;
            }
            // ... or the picture after it was already there j frames before.
            if (t - 1 - j >= 0 && series.distance(t, j + 1) <= similar) {
                return true;
            }
        }
        return false;
    }

    private List<GradualTransition> gradual(List<Integer> cuts) {
        int n = series.frames;
        boolean[] nearCut = new boolean[n];
        for (int c : cuts) {
            for (int t = Math.max(0, c - 1); t <= Math.min(n - 1, c + 1); t++) {
                nearCut[t] = true;
            }
        }
        List<GradualTransition> found = new ArrayList<>();
        int t = 2;
        while (t < n) {
            double threshold =
                    Math.max(
                            config.gradualMinDistance(),
                            config.gradualRatio() * median(Math.max(1, t - BASELINE_FRAMES), t));
            if (nearCut[t] || score[t] <= threshold) {
                t++;
                continue;
            }
            int first = t;
            int last = t;
            int gap = 0;
            int blackGap = 0;
            for (int k = t + 1; k < n && !nearCut[k] && k - first < Features.LOOK_BACK - 1; k++) {
                if (score[k] > threshold) {
                    last = k;
                    gap = 0;
                    blackGap = 0;
                } else if (isBlack(k) && ++blackGap <= MAX_BLACK_FRAMES) {
                    continue;
                } else if (++gap > 1) {
                    break;
                }
            }
            GradualTransition transition = judge(first, last);
            if (transition != null) {
                found.add(transition);
            }
            t = last + 1;
        }
        return found;
    }

    /** The lag, in frames, of the long-range comparison; longer than most dissolves. */
    static final int LONG_LAG = 16;

    /** Share of the plateau's height the long-lag distance must fall to after a transition. */
    private static final double SETTLED = 0.5;

    /** Share of the plateau's height at which its edges are placed. */
    private static final double PLATEAU = 0.9;

    private List<GradualTransition> longLagGradual(
            List<Integer> cuts, List<GradualTransition> known) {
        int n = series.frames;
        boolean[] blocked = new boolean[n];
        // A long-lag distance that spans a cut or a known transition says nothing new.
        for (int c : cuts) {
            block(blocked, c - 1, c + LONG_LAG);
        }
        for (int f : transients) {
            block(blocked, f - 1, f + LONG_LAG + config.flashFrames());
        }
        for (GradualTransition g : known) {
            block(blocked, (int) g.firstFrame() - LONG_LAG, (int) g.lastFrame() + LONG_LAG);
        }
        double ratio = config.gradualRatio() * config.gradualRatio();
        List<GradualTransition> found = new ArrayList<>();
        int t = LONG_LAG + 1;
        while (t < n) {
            double base = longLagMedian(t - LONG_LAG - BASELINE_FRAMES, t - LONG_LAG, blocked);
            double threshold = Math.max(config.gradualMinChange(), ratio * base);
            if (blocked[t] || base < 0 || series.distance(t, LONG_LAG) < threshold) {
                t++;
                continue;
            }
            int last = t;
            float peak = series.distance(t, LONG_LAG);
            while (last + 1 < n
                    && !blocked[last + 1]
                    && series.distance(last + 1, LONG_LAG) >= threshold) {
                last++;
                peak = Math.max(peak, series.distance(last, LONG_LAG));
            }
            int rise = t;
            while (series.distance(rise, LONG_LAG) < PLATEAU * peak) {
                rise++;
            }
            int fall = last;
            while (series.distance(fall, LONG_LAG) < PLATEAU * peak) {
                fall--;
            }
            // The plateau begins when the transition is complete and ends LONG_LAG frames after
            // it began; a transition longer than LONG_LAG swaps the two.
            int first = Math.min(rise, fall - LONG_LAG + 1);
            int end = Math.max(rise, fall - LONG_LAG + 1);
            // Once both compared frames lie in the new shot the distance must drop again; a
            // drift (a slow pan, a moving gradient) keeps rising instead.
            int settled = end + 1 + LONG_LAG;
            if (first >= 1
                    && end - first + 1 >= config.gradualMinFrames()
                    && settled < n
                    && series.distance(settled, LONG_LAG) <= SETTLED * peak
                    && isStraight(first, end)) {
                found.add(new GradualTransition(first, end, kindOf(first, end)));
            }
            t = last + 1;
        }
        return found;
    }

    /**
     * Drops transitions that begin or end within {@code shots.min-shot-frames} of a hard cut: a
     * shot that short does not dissolve, but a picture that settles just after a cut (a simulation
     * starting, an auto-exposure catching up) looks like a dissolve.
     */
    private List<GradualTransition> apartFromCuts(
            List<GradualTransition> found, List<Integer> cuts) {
        List<GradualTransition> kept = new ArrayList<>();
        for (GradualTransition g : found) {
            boolean near = false;
            for (int c : cuts) {
                near |=
                        g.firstFrame() - c >= 0 && g.firstFrame() - c < config.minShotFrames()
                                || c - g.lastFrame() > 0
                                        && c - g.lastFrame() <= config.minShotFrames();
            }
            if (!near) {
                kept.add(g);
            }
        }
        return kept;
    }

    /** Sorts transitions and keeps the first of any that overlap. */
    private static List<GradualTransition> withoutOverlaps(List<GradualTransition> found) {
        List<GradualTransition> sorted = new ArrayList<>(found);
        sorted.sort(java.util.Comparator.comparingLong(GradualTransition::firstFrame));
        List<GradualTransition> kept = new ArrayList<>();
        for (GradualTransition g : sorted) {
            if (kept.isEmpty() || g.firstFrame() > kept.get(kept.size() - 1).lastFrame()) {
                kept.add(g);
            }
        }
        return kept;
    }

    /** True when frames {@code first..last} move the picture straight from one to another. */
    private boolean isStraight(int first, int last) {
        int lag = Features.lagAtLeast(last - first + 2);
        if (last - lag < 0) {
            return false;
        }
        double path = 0;
        for (int k = first; k <= last + 1; k++) {
            path += score[k];
        }
        return series.distance(last + 1, lag) >= config.gradualStraightness() * path;
    }

    private static void block(boolean[] blocked, int from, int to) {
        for (int t = Math.max(0, from); t <= Math.min(blocked.length - 1, to); t++) {
            blocked[t] = true;
        }
    }

    /** Median long-lag distance over {@code [from, to)}, or -1 when too little is known. */
    private double longLagMedian(int from, int to, boolean[] blocked) {
        float[] window = new float[Math.max(0, to - Math.max(LONG_LAG, from))];
        int count = 0;
        for (int t = Math.max(LONG_LAG, from); t < to; t++) {
            if (!blocked[t]) {
                window[count++] = series.distance(t, LONG_LAG);
            }
        }
        if (count < BASELINE_FRAMES / 3) {
            return -1;
        }
        Arrays.sort(window, 0, count);
        return window[count / 2];
    }

    private Kind kindOf(int first, int last) {
        float darkest = Float.MAX_VALUE;
        for (int k = first; k <= last; k++) {
            darkest = Math.min(darkest, series.get(k, Features.MEAN_LUMA));
        }
        return darkest <= config.blackLevel() ? Kind.FADE : Kind.DISSOLVE;
    }

    /** Decides whether frames {@code first..last} (all changing) are a gradual transition. */
    private GradualTransition judge(int first, int last) {
        int frames = last - first + 1;
        if (frames < config.gradualMinFrames() || first < 1 || last + 1 >= series.frames) {
            return null;
        }
        int lag = Features.lagAtLeast(frames + 1);
        if (last - lag < 0) {
            return null;
        }
        float change = series.distance(last, lag);
        double path = 0;
        float darkest = Float.MAX_VALUE;
        for (int k = first; k <= last; k++) {
            path += score[k];
            darkest = Math.min(darkest, series.get(k, Features.MEAN_LUMA));
        }
        float before = series.get(first - 1, Features.MEAN_LUMA);
        float after = series.get(last + 1, Features.MEAN_LUMA);
        boolean throughBlack =
                darkest <= config.blackLevel()
                        && (darkest < before - BLACK_CONTRAST || darkest < after - BLACK_CONTRAST);
        if (change < config.gradualMinChange()) {
            return null;
        }
        if (!throughBlack && change < config.gradualStraightness() * path) {
            return null;
        }
        // `last` is the first frame that no longer changes much: the new picture, complete.
        return new GradualTransition(
                first, Math.max(first, last - 1), throughBlack ? Kind.FADE : Kind.DISSOLVE);
    }

    /** Luma a fade's darkest frame lies below the shots on either side of it. */
    private static final float BLACK_CONTRAST = 8f;

    private boolean isBlack(int frame) {
        return series.get(frame, Features.MEAN_LUMA) <= config.blackLevel();
    }

    private double median(int from, int to) {
        if (to <= from) {
            return 0;
        }
        float[] window = Arrays.copyOfRange(score, from, to);
        Arrays.sort(window);
        return window[window.length / 2];
    }
}
