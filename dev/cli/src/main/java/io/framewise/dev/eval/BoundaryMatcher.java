package io.framewise.dev.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scores reported shot boundaries against labels the way PySceneDetect's benchmark evaluator does:
 * one-to-one, greedy nearest first, within a tolerance of frames.
 *
 * <p>A reported boundary is a frame: a hard cut's first frame, or a gradual transition's middle. It
 * matches a labelled hard cut within {@code tolerance} frames, or a labelled gradual transition
 * when it lies inside it (widened by the tolerance); each label takes at most one report. Unmatched
 * reports are false positives, among them any report at a {@code no_cut} frame; unmatched labels
 * are misses.
 */
public final class BoundaryMatcher {

    private final int tolerance;

    public BoundaryMatcher(int tolerance) {
        this.tolerance = tolerance;
    }

    /** Scores all boundaries: labelled cuts and gradual transitions against all reports. */
    public Score score(Labels labels, List<Long> reported) {
        List<Long> pool = new ArrayList<>(reported);
        int tp = 0;
        for (int[] g : labels.gradual()) {
            Long hit = nearest(pool, (g[0] + g[1]) / 2.0, g[0] - tolerance, g[1] + tolerance);
            if (hit != null) {
                pool.remove(hit);
                tp++;
            }
        }
        int matched = matchPoints(labels.cuts(), pool);
        tp += matched;
        int labelled = labels.cuts().size() + labels.gradual().size();
        return new Score(tp, reported.size() - tp, labelled - tp);
    }

    /**
     * Scores hard cuts alone: labelled cuts against reported cuts, where a reported cut inside a
     * labelled gradual transition is neither a match nor a false positive.
     */
    public Score scoreCuts(Labels labels, List<Long> reportedCuts) {
        List<Long> pool = new ArrayList<>();
        for (long p : reportedCuts) {
            boolean inGradual = false;
            for (int[] g : labels.gradual()) {
                inGradual |= p >= g[0] - tolerance && p <= g[1] + tolerance;
            }
            if (!inGradual) {
                pool.add(p);
            }
        }
        int tp = matchPoints(labels.cuts(), pool);
        return new Score(tp, pool.size() - tp, labels.cuts().size() - tp);
    }

    /** Greedy one-to-one matching, closest pairs first; returns the number matched. */
    private int matchPoints(List<Integer> labelled, List<Long> pool) {
        record Pair(int label, long report, long distance) {}
        List<Pair> pairs = new ArrayList<>();
        for (int c : labelled) {
            for (long p : pool) {
                long d = Math.abs(p - c);
                if (d <= tolerance) {
                    pairs.add(new Pair(c, p, d));
                }
            }
        }
        pairs.sort(Comparator.comparingLong(Pair::distance));
        List<Integer> usedLabels = new ArrayList<>();
        List<Long> usedReports = new ArrayList<>();
        for (Pair pair : pairs) {
            if (!usedLabels.contains(pair.label()) && !usedReports.contains(pair.report())) {
                usedLabels.add(pair.label());
                usedReports.add(pair.report());
            }
        }
        return usedLabels.size();
    }

    private static Long nearest(List<Long> pool, double center, long from, long to) {
        Long best = null;
        for (Long p : pool) {
            if (p >= from
                    && p <= to
                    && (best == null || Math.abs(p - center) < Math.abs(best - center))) {
                best = p;
            }
        }
        return best;
    }
}
