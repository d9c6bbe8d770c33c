package io.framewise.udfs.shots;

import io.framewise.pipeline.frames.KeyframeConfig;
import io.framewise.pipeline.shots.GradualTransition;
import io.framewise.pipeline.shots.Shot;
import io.framewise.pipeline.shots.ShotDetection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Which frames of a video are keyframe candidates, decided from its shots alone before decoding.
 *
 * <p>A shot's usable frames are its frames less its first and last {@link #EDGE} (they may be mid
 * cut) and less every gradual transition widened by {@link #EDGE} on each side. A shot with no
 * usable frame falls back to its frames outside transitions, then to all its frames. Candidates are
 * evenly spaced over the usable frames: about one per second, at least {@link #MIN_CANDIDATES} and
 * at most {@link #MAX_CANDIDATES} (fewer when the shot has fewer usable frames). Each shot is
 * allowed {@code min(maxPerShot, 1 + floor(seconds / secondsPerKeyframe))} keyframes.
 */
final class KeyframePlan {

    static final int EDGE = 2;
    static final int MIN_CANDIDATES = 5;
    static final int MAX_CANDIDATES = 60;

    /** Candidate frame numbers, ascending, mapped to their shot index. */
    private final TreeMap<Long, Integer> candidates = new TreeMap<>();

    /** Per shot: the candidates in frame order. */
    private final List<long[]> byShot = new ArrayList<>();

    /** Per shot: last frame a replacement for a lost candidate may come from. */
    private final long[] lastUsable;

    /** Per shot: how many keyframes it may get. */
    private final int[] allowed;

    private KeyframePlan(int shots) {
        this.lastUsable = new long[shots];
        this.allowed = new int[shots];
    }

    static KeyframePlan of(ShotDetection detection, KeyframeConfig config) {
        List<Shot> shots = detection.shots();
        double fps = detection.info().fps().toDouble();
        if (!(fps > 0)) {
            fps = 25;
        }
        KeyframePlan plan = new KeyframePlan(shots.size());
        for (Shot shot : shots) {
            long[] usable = usable(shot, detection.gradual(), EDGE);
            if (usable.length == 0) {
                usable = usable(shot, detection.gradual(), -1);
            }
            if (usable.length == 0) {
                usable = range(shot.firstFrame(), shot.lastFrame());
            }
            int n = (int) Math.ceil(usable.length / fps);
            n = Math.min(usable.length, Math.max(MIN_CANDIDATES, Math.min(MAX_CANDIDATES, n)));
            long[] picked = new long[n];
            for (int k = 0; k < n; k++) {
                picked[k] = usable[(int) ((k + 0.5) * usable.length / n)];
                plan.candidates.put(picked[k], shot.index());
            }
            plan.byShot.add(picked);
            plan.lastUsable[shot.index()] = usable[usable.length - 1];
            double seconds = (shot.lastFrame() - shot.firstFrame() + 1) / fps;
            plan.allowed[shot.index()] =
                    (int)
                            Math.min(
                                    config.maxPerShot(),
                                    1 + Math.floor(seconds / config.secondsPerKeyframe()));
        }
        return plan;
    }

    /**
     * The shot's frames less {@code edge} at each end and less each transition widened by {@code
     * edge}; a negative {@code edge} keeps the ends and removes only the transitions themselves.
     */
    static long[] usable(Shot shot, List<GradualTransition> gradual, int edge) {
        int e = Math.max(0, edge);
        long first = shot.firstFrame() + e;
        long last = shot.lastFrame() - e;
        if (last < first) {
            return new long[0];
        }
        boolean[] out = new boolean[(int) (last - first + 1)];
        for (GradualTransition g : gradual) {
            long from = Math.max(first, g.firstFrame() - e);
            long to = Math.min(last, g.lastFrame() + e);
            for (long f = from; f <= to; f++) {
                out[(int) (f - first)] = true;
            }
        }
        long[] frames = new long[out.length];
        int count = 0;
        for (int i = 0; i < out.length; i++) {
            if (!out[i]) {
                frames[count++] = first + i;
            }
        }
        return Arrays.copyOf(frames, count);
    }

    private static long[] range(long first, long last) {
        long[] frames = new long[(int) (last - first + 1)];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = first + i;
        }
        return frames;
    }

    /** The shot {@code frame} is a candidate of, or -1. */
    int shotOf(long frame) {
        Integer shot = candidates.get(frame);
        return shot == null ? -1 : shot;
    }

    /** True when a candidate lies in {@code [from, to]}. */
    boolean anyBetween(long from, long to) {
        Long next = candidates.ceilingKey(from);
        return next != null && next <= to;
    }

    /** The last candidate of the video. */
    long lastCandidate() {
        return candidates.lastKey();
    }

    long[] candidates(int shot) {
        return byShot.get(shot);
    }

    long lastUsable(int shot) {
        return lastUsable[shot];
    }

    int allowed(int shot) {
        return allowed[shot];
    }

    int shots() {
        return byShot.size();
    }
}
