package io.framewise.dev.eval;

/** Matches and misses of reported boundaries against labelled ones. */
public record Score(int tp, int fp, int fn) {

    public static final Score ZERO = new Score(0, 0, 0);

    public Score plus(Score other) {
        return new Score(tp + other.tp, fp + other.fp, fn + other.fn);
    }

    /** 1.0 when nothing was reported: no report is wrong. */
    public double precision() {
        return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
    }

    /** 1.0 when nothing was labelled: nothing was missed. */
    public double recall() {
        return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
